"""The one place where rows are scoped to the person who owns them.

Every user-owned model subclasses :class:`OwnedModel` and gets an ``owner`` and an
``objects`` manager with ``for_owner(user)``. Views fetch through
:class:`OwnerRequiredMixin` (class-based) or :func:`get_owned_or_404` (function
views), so another user's object is a 404 without anyone having to remember.
Forms that offer related rows take an ``owner`` and narrow every choice field
to that owner's rows through :class:`OwnedChoicesFormMixin`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from django.conf import settings
from django.db import models
from django.shortcuts import get_object_or_404

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

M = TypeVar("M", bound="OwnedModel")


class OwnedQuerySet(models.QuerySet):
    def for_owner(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        # An anonymous user has no pk; filtering on None matches nothing.
        return self.filter(owner_id=getattr(user, "pk", None))


class OwnedModel(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


def get_owned_or_404(
    model_or_queryset: type[M] | models.QuerySet[M], user: AbstractBaseUser | AnonymousUser, **lookup: Any
) -> M:
    """Fetch one of ``user``'s rows, or raise Http404 (also for another user's row)."""
    queryset = (
        model_or_queryset
        if isinstance(model_or_queryset, models.QuerySet)
        else model_or_queryset._default_manager.all()
    )
    return get_object_or_404(cast(OwnedQuerySet, queryset).for_owner(user), **lookup)


class OwnerRequiredMixin:
    """For class-based views: the queryset is the request user's rows only."""

    request: Any

    def get_queryset(self) -> models.QuerySet:
        return super().get_queryset().for_owner(self.request.user)  # type: ignore[misc]


class OwnerFormKwargsMixin:
    """For create/update views: hand the owner to the form and stamp new rows with it."""

    request: Any

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()  # type: ignore[misc]
        kwargs["owner"] = self.request.user
        return kwargs


class OwnedChoicesFormMixin:
    """A form mixin: every choice field over an owned model shows only the owner's rows.

    New instances are stamped with the owner before they are saved.
    """

    def __init__(self, *args: Any, owner: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        for field in self.fields.values():  # type: ignore[attr-defined]
            queryset = getattr(field, "queryset", None)
            if queryset is not None and issubclass(queryset.model, OwnedModel):
                field.queryset = queryset.for_owner(owner)
        instance = getattr(self, "instance", None)
        if isinstance(instance, OwnedModel) and instance.owner_id is None:
            instance.owner = owner
