from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.core.management import call_command

from accounts.tests.factories import UserFactory
from backup.registry import TABLES
from backup.tests.rich_account import account_fingerprint, seed_rich_account
from contacts.models import Contact
from followups.models import FollowUp
from meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_an_exported_account_restores_into_another_user_with_every_row_and_relation(alice, tmp_path):
    seed_rich_account(alice)
    path = tmp_path / "alice.zip"

    call_command("export_account", user="alice", output=str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    carol = UserFactory(username="carol")
    call_command("import_account", str(path), user="carol", stdout=open("/dev/null", "w"))  # noqa: SIM115

    carol.refresh_from_db()
    before, after = account_fingerprint(alice), account_fingerprint(carol)
    assert after["preferences"] == before["preferences"]
    for table in TABLES:
        assert sum(after[table.key].values()) == sum(before[table.key].values()), table.key
        assert after[table.key] == before[table.key], table.key
    # The rich account exercises every relation the restore must rebuild.
    restored = Contact.objects.for_owner(carol)
    assert restored.filter(introduced_by__introduced_by__isnull=False).exists()
    assert restored.filter(tags__isnull=False).exists() and restored.filter(import_run__isnull=False).exists()
    assert Meeting.objects.for_owner(carol).filter(picked_questions__isnull=False, search__isnull=False).exists()
    assert FollowUp.objects.for_owner(carol).filter(meeting__isnull=False).exists()
    assert FollowUp.objects.for_owner(carol).filter(search__isnull=False).exists()
    # Rule keys point at the new rows, so a rule run after the restore finds them.
    for followup in FollowUp.objects.for_owner(carol).filter(rule_key__contains="meeting:"):
        assert f"meeting:{followup.meeting_id}" in (followup.rule_key or "")
    assert Contact.objects.for_owner(alice).count() == 60  # untouched


def test_the_zip_holds_the_document_spreadsheets_vcards_and_calendar(alice, tmp_path):
    seed_rich_account(alice)
    path = tmp_path / "alice.zip"
    call_command("export_account", user="alice", output=str(path), stdout=open("/dev/null", "w"))  # noqa: SIM115

    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        document = json.loads(archive.read("netweave.json"))
        tags_sheet = archive.read("spreadsheets/tags.csv").decode("utf-8-sig")
        people = archive.read("spreadsheets/people.csv").decode("utf-8-sig")
        cards = archive.read("contacts.vcf").decode()
        calendar = archive.read("meetings.ics").decode()

    assert names == {
        "netweave.json",
        "contacts.vcf",
        "meetings.ics",
        "spreadsheets/people.csv",
        *(f"spreadsheets/{table.key}.csv" for table in TABLES),
    }
    assert document["format"] == "netweave-backup" and document["version"] == 1
    assert len(document["contacts"]) == Contact.objects.for_owner(alice).count()
    assert "'=HYPERLINK(evil)" in tags_sheet  # a formula arrives as text
    assert len(list(csv.reader(io.StringIO(people)))) == Contact.objects.for_owner(alice).count() + 1
    assert cards.count("BEGIN:VCARD") == Contact.objects.for_owner(alice).count()
    assert calendar.count("BEGIN:VEVENT") == Meeting.objects.for_owner(alice).filter(starts_at__isnull=False).count()
