from __future__ import annotations

import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.tests.factories import UserFactory
from backup.writer import write_backup
from contacts.models import Contact, Interaction
from contacts.tests.factories import ContactFactory, InteractionFactory, TagFactory
from followups.models import FollowUp
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup_document(alice, tmp_path) -> dict:
    introducer = ContactFactory(owner=alice, given_name="Ines")
    contact = ContactFactory(owner=alice, given_name="Ken", introduced_by=introducer)
    contact.tags.add(TagFactory(owner=alice, name="mentor"))
    InteractionFactory(owner=alice, contact=contact)
    path = tmp_path / "alice.zip"
    write_backup(alice, path, now=timezone.now())
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("netweave.json"))


def zipped(tmp_path, document: dict | str) -> str:
    path = tmp_path / "edited.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("netweave.json", document if isinstance(document, str) else json.dumps(document))
    return str(path)


def refused(path: str, user: str = "carol") -> str:
    with pytest.raises(CommandError) as raised:
        call_command("import_account", path, user=user)
    assert "Nothing was restored." in str(raised.value)
    return str(raised.value)


@pytest.fixture
def carol(db):
    return UserFactory(username="carol", time_zone="UTC")


def nothing_written(carol) -> bool:
    carol.refresh_from_db()
    return not Contact.objects.for_owner(carol).exists() and carol.time_zone == "UTC"


def test_a_backup_is_not_restored_into_an_account_that_has_data(backup_document, carol, tmp_path):
    ContactFactory(owner=carol, given_name="Already here")

    message = refused(zipped(tmp_path, backup_document))

    assert "carol already has data" in message
    assert Contact.objects.for_owner(carol).count() == 1


def test_a_file_that_is_not_a_zip_is_refused(carol, tmp_path):
    path = tmp_path / "notes.zip"
    path.write_text("hello")

    assert "not a zip archive" in refused(str(path))
    assert nothing_written(carol)


def test_a_zip_without_the_document_is_refused(carol, tmp_path):
    path = tmp_path / "photos.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.jpg", b"...")

    assert "no netweave.json" in refused(str(path))


def test_broken_json_is_refused(carol, tmp_path):
    assert "not valid JSON" in refused(zipped(tmp_path, '{"format": "netweave-backup", '))


def test_another_format_version_is_refused(backup_document, carol, tmp_path):
    backup_document["version"] = 99

    assert "format version 99" in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)


def test_a_missing_table_is_refused(backup_document, carol, tmp_path):
    del backup_document["interactions"]

    assert "it has no interactions" in refused(zipped(tmp_path, backup_document))


def test_a_row_missing_a_column_is_refused_and_nothing_is_written(backup_document, carol, tmp_path):
    del backup_document["interactions"][0]["channel"]

    assert 'has no "channel"' in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)
    assert not Interaction.objects.for_owner(carol).exists()


def test_a_reference_to_a_row_not_in_the_file_is_refused_and_nothing_is_written(backup_document, carol, tmp_path):
    backup_document["interactions"][0]["contact_id"] = 987654

    message = refused(zipped(tmp_path, backup_document))

    assert "points to contacts 987654, which is not in the file" in message
    assert nothing_written(carol)


def test_an_introducer_not_in_the_file_is_refused(backup_document, carol, tmp_path):
    backup_document["contacts"][-1]["introduced_by_id"] = 987654

    assert "points to contacts 987654" in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)


def test_a_tag_not_in_the_file_is_refused(backup_document, carol, tmp_path):
    backup_document["contacts"][-1]["tags"] = [987654]

    assert "points to tags 987654" in refused(zipped(tmp_path, backup_document))


def test_a_bad_value_is_refused(backup_document, carol, tmp_path):
    backup_document["interactions"][0]["occurred_at"] = "last Tuesday"

    assert 'bad "occurred_at"' in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)


def test_a_missing_file_or_user_is_a_clear_error(carol, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_account", str(tmp_path / "nope.zip"), user="carol")
    with pytest.raises(CommandError, match="No user named 'dave'"):
        call_command("import_account", str(tmp_path / "nope.zip"), user="dave")


def test_two_rows_with_the_same_id_are_refused(backup_document, carol, tmp_path):
    backup_document["contacts"][1]["id"] = backup_document["contacts"][0]["id"]

    assert "two contacts with id" in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)


def test_a_bad_preference_is_refused_and_nothing_is_written(backup_document, carol, tmp_path):
    backup_document["preferences"]["daily_reminder_hour"] = 31

    assert 'bad preference "daily_reminder_hour"' in refused(zipped(tmp_path, backup_document))
    assert nothing_written(carol)


def test_a_picked_question_not_in_the_file_is_refused(alice, carol, tmp_path):
    from meetings.tests.factories import MeetingFactory, QuestionFactory

    meeting = MeetingFactory(owner=alice, contact=ContactFactory(owner=alice))
    meeting.picked_questions.create(question=QuestionFactory(owner=alice), position=1)
    path = tmp_path / "alice.zip"
    write_backup(alice, path, now=timezone.now())
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("netweave.json"))
    document["meetings"][0]["picked_questions"][0]["question_id"] = 987654

    assert "points to questions 987654" in refused(zipped(tmp_path, document))
    assert nothing_written(carol)


def test_a_backup_from_before_drafts_followed_the_users_name_still_restores(alice, carol, tmp_path):
    ken = ContactFactory(owner=alice, given_name="Ken")
    FollowUpFactory(owner=alice, contact=ken, message="Dear Ken,\n\nThanks.\n\nAlice Archer")
    path = tmp_path / "alice.zip"
    write_backup(alice, path, now=timezone.now())
    with zipfile.ZipFile(path) as archive:
        document = json.loads(archive.read("netweave.json"))
    for row in document["followups"]:
        for column in ("signed_as", "unsigned_subject", "unsigned_message"):
            del row[column]

    call_command("import_account", zipped(tmp_path, document), user="carol")

    [restored] = FollowUp.objects.for_owner(carol)
    assert restored.message.endswith("Alice Archer") and restored.signed_as == ""
