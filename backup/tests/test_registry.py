from __future__ import annotations

from django.apps import apps

from accounts.models import User
from backup.registry import NOT_BACKED_UP, PREFERENCES, TABLES
from netweave.ownership import OwnedModel


def test_every_owned_model_is_backed_up_or_left_out_with_a_reason():
    owned = {model for model in apps.get_models() if issubclass(model, OwnedModel)}
    declared = {table.model for table in TABLES} | set(NOT_BACKED_UP)

    missing = sorted(model.__name__ for model in owned - declared)
    assert not missing, f"Add these to backup.registry.TABLES (or NOT_BACKED_UP with a reason): {missing}"
    assert {table.model for table in TABLES}.isdisjoint(NOT_BACKED_UP)


def test_every_preference_the_user_can_set_is_backed_up():
    from django.contrib.auth.models import AbstractUser

    inherited = {f.name for f in AbstractUser._meta.get_fields()}
    own = {f.name for f in User._meta.concrete_fields if f.name not in inherited and f.editable and not f.primary_key}

    assert own == set(PREFERENCES)
