"""A rich account for the backup tests, and a fingerprint of an account that ignores ids."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.core.management import call_command
from django.db import models

from accounts.models import User
from backup.registry import PREFERENCES, TABLES, columns, plain_many_to_many
from contacts.models import Contact, NotDuplicate, Tag
from contacts.tests.factories import ImportRunFactory
from followups.models import DraftKind, DraftTemplate
from meetings.models import Meeting, OutreachTemplate, Search


def seed_rich_account(user: User) -> None:
    """seed_demo's network (introductions, links, touches, ledger, searches, meetings with
    questions, follow-ups of every kind with drafts), plus what it leaves out."""
    call_command("seed_demo", user=user.username, contacts=60, stdout=open("/dev/null", "w"))  # noqa: SIM115
    user.refresh_from_db()
    user.time_zone, user.weekly_digest_hour, user.cadence_ally_days = "Europe/Paris", 7, 21
    user.save()
    contacts = list(Contact.objects.for_owner(user).order_by("pk"))
    run = ImportRunFactory(owner=user, file_name="Connections.csv", format="linkedin")
    Contact.objects.filter(pk__in=[c.pk for c in contacts[:5]]).update(import_run=run)
    tag = Tag.objects.create(owner=user, name="=HYPERLINK(evil)", color="#15803d")
    contacts[0].tags.add(tag)
    search = Search.objects.for_owner(user).first()
    assert search is not None
    search.contacts.add(*contacts[10:13])
    meeting = Meeting.objects.for_owner(user).filter(state="held").first()
    assert meeting is not None
    meeting.suggested_contacts.add(contacts[20], contacts[21])
    NotDuplicate.objects.create(owner=user, first=contacts[30], second=contacts[31])
    OutreachTemplate.objects.create(owner=user, name="Alumni", kind="alumni", subject="Hello {first_name}", body="Hi")
    for kind in DraftKind.values:
        DraftTemplate.objects.create(owner=user, kind=kind, subject=f"About {kind}", body="Dear {first_name},")


def _pointed(row: models.Model | None) -> tuple | None:
    return None if row is None else _natural(row)


def _natural(row: models.Model) -> tuple:
    return tuple(
        _plain(getattr(row, f.attname))
        for f in type(row)._meta.concrete_fields
        if not f.is_relation and f.name not in ("id", "rule_key")
    )


def _plain(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def fingerprint(row: models.Model) -> tuple:
    """A row by its own values, the values of the rows it points at, and its many-to-many."""
    model = type(row)
    pointers = tuple(_pointed(getattr(row, f.name)) for f in columns(model) if f.is_relation and f.name != "owner")
    many = tuple(tuple(sorted(map(_natural, getattr(row, f.name).all()))) for f in plain_many_to_many(model))
    picked: tuple = ()
    if model is Meeting:
        picked = tuple((q.position, q.question.text) for q in row.picked_questions.all())
    return (_natural(row), pointers, many, picked)


def account_fingerprint(user: User) -> dict[str, Any]:
    tables = {table.key: Counter(fingerprint(row) for row in table.model.objects.for_owner(user)) for table in TABLES}
    return {"preferences": {name: getattr(user, name) for name in PREFERENCES}, **tables}
