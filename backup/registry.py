"""What a backup holds: every owned table, declared once, in the order a restore writes them.

A new ``OwnedModel`` must be added to ``TABLES`` or to ``NOT_BACKED_UP`` with a reason;
``backup/tests/test_registry.py`` fails until it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from django.db import models

from accounts.models import PREFERENCE_FIELDS
from api.models import ApiToken
from contacts.models import Contact, ContactLink, ImportRun, Interaction, LedgerEntry, NotDuplicate, Tag
from followups.models import DraftTemplate, FollowUp
from imports.models import ImportUpload
from meetings.models import Meeting, MeetingQuestion, OutreachTemplate, Question, Search
from netweave.ownership import OwnedModel

from .models import AccountBackup

FORMAT = "netweave-backup"
VERSION = 1


@dataclass(frozen=True)
class Nested:
    """Rows that belong to one parent row and travel inside it (a meeting's picked questions)."""

    key: str
    model: type[models.Model]
    parent_field: str


@dataclass(frozen=True)
class Table:
    key: str
    model: type[OwnedModel]
    # Derived columns, recomputed on restore rather than trusted from the file.
    derived: tuple[str, ...] = ()
    # Columns added after version 1 files were first written: a file without them restores
    # them with the field's default, so a backup from an earlier release still restores.
    added: tuple[str, ...] = ()
    nested: tuple[Nested, ...] = field(default=())


# Order matters: a table only points at tables above it (introduced_by, to its own
# table, is set in a second pass).
TABLES: tuple[Table, ...] = (
    Table("tags", Tag),
    Table("import_runs", ImportRun),
    Table("contacts", Contact, derived=("search_text", "name_key")),
    Table("contact_links", ContactLink),
    # Contacts are written in id order and restored in file order, so first < second holds.
    Table("not_duplicates", NotDuplicate),
    Table("interactions", Interaction),
    Table("ledger_entries", LedgerEntry),
    Table("questions", Question),
    Table("searches", Search),
    Table("meetings", Meeting, nested=(Nested("picked_questions", MeetingQuestion, "meeting"),)),
    Table("outreach_templates", OutreachTemplate),
    Table("draft_templates", DraftTemplate),
    Table("followups", FollowUp, added=("signed_as", "unsigned_subject", "unsigned_message")),
)

NOT_BACKED_UP: dict[type[models.Model], str] = {
    ImportUpload: "a file waiting between an import's preview and confirm; dropped after a day",
    AccountBackup: "the backups themselves",
    ApiToken: "credentials: a restored account creates its own tokens",
}

# The user's own settings (accounts.User), restored onto the account being filled.
PREFERENCES = PREFERENCE_FIELDS


def table_for(model: type[models.Model]) -> Table:
    for table in TABLES:
        if table.model is model:
            return table
    raise LookupError(f"{model.__name__} is not in backup.registry.TABLES")


def columns(model: type[models.Model], *, skip: tuple[str, ...] = ()) -> list[models.Field]:
    """The columns a row carries in the file: every concrete field but the owner and derived ones."""
    return [f for f in model._meta.concrete_fields if f.name != "owner" and f.name not in skip]


def plain_many_to_many(model: type[models.Model]) -> list[models.ManyToManyField]:
    """Many-to-many fields without their own through model (those travel as ``Nested``)."""
    return [f for f in model._meta.many_to_many if through_model(f)._meta.auto_created]


def through_model(field: models.ManyToManyField) -> type[models.Model]:
    """The table behind a many-to-many: Django fills it in (declared or automatic) when the apps load."""
    return cast(type[models.Model], field.remote_field.through)
