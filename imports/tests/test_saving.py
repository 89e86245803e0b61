"""COPY of new contacts writes what a save would, from records or from the stored plan's ready-made rows."""

from __future__ import annotations

from datetime import date

import pytest

from contacts.models import Contact, ImportRun, Source
from imports.parsers.records import Record
from imports.saving import contact_row, create_contacts

pytestmark = pytest.mark.django_db

FIELDS = ("given_name", "family_name", "emails", "phones", "company", "title", "notes", "met_on", "source")


def awkward() -> Record:
    return Record(
        number=2,
        given_name="Zoë",
        family_name="O'Brien\\Back",
        emails=["Zoe@Example.com"],
        phones=["+1 555\t0100"],
        company="Tabs\tand\\slashes",
        title='The "Boss"',
        notes="line one\nline two\r\nback\\slash \\N",
        met_on=None,
        source=Source.LINKEDIN,
    )


def plain() -> Record:
    return Record(number=3, given_name="Ada", family_name="Lovelace", met_on=date(2024, 3, 5))


def written(owner, *, as_rows: bool) -> list[Contact]:
    run = ImportRun.objects.create(owner=owner, file_name="x.csv", format="csv", encoding="utf-8")
    records = [awkward(), plain()]
    if as_rows:
        create_contacts(owner, [], rows=[contact_row(r) for r in records], run_id=run.pk)
    else:
        create_contacts(owner, records, run_id=run.pk)
    return list(Contact.objects.filter(owner=owner).order_by("id"))


@pytest.mark.parametrize("as_rows", [False, True])
def test_copy_writes_tabs_backslashes_and_line_breaks_as_they_were(alice, as_rows):
    zoe, ada = written(alice, as_rows=as_rows)

    for contact, record in ((zoe, awkward()), (ada, plain())):
        expected = Contact(**{name: getattr(record, name) for name in FIELDS})
        expected.prepare_for_save()  # the derived columns, as a save computes them
        for name in (*FIELDS, "search_text", "name_key"):
            assert getattr(contact, name) == getattr(expected, name), name
    assert zoe.emails == ["zoe@example.com"]
    assert (zoe.met_on, ada.met_on) == (None, date(2024, 3, 5))
