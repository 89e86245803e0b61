"""What points at a Contact: the one answer, found from the model registry.

Discovered rather than listed, so a relation another app adds later (a meeting, a
follow-up, a suggestion) moves in a merge, keeps a contact through an import's undo and
shows on the delete page without anyone remembering to add it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Pointer:
    """One foreign key to Contact: ``model.field``; many-to-many tables included."""

    model: type[models.Model]
    field: models.ForeignKey

    @property
    def is_link_table(self) -> bool:
        """A many-to-many table (tags, search members, suggested people), not a row of history."""
        return self.model._meta.auto_created is not False

    @property
    def accessor(self) -> str:
        """The name a contact reaches these rows by (``interactions``, ``links_in``), or ``model_field``."""
        return self.field.remote_field.get_accessor_name() or f"{self.model._meta.model_name}_{self.field.name}"


def contact_pointers() -> list[Pointer]:
    """Every foreign key to Contact in every installed app, many-to-many tables included.

    A model that sets ``is_contact_history = False`` (bookkeeping about records, such as
    ``NotDuplicate``) is left out: it is neither history to count nor rows to keep.
    """
    from contacts.models import Contact

    return [
        Pointer(model, field)
        for model in apps.get_models(include_auto_created=True)
        if getattr(model, "is_contact_history", True)
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and field.related_model is Contact
    ]
