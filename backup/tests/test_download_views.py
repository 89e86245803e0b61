from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
import time_machine
from django.urls import reverse

from backup.models import AccountBackup, BackupState
from backup.services import backup_path, drop_expired_backups
from contacts.tests.factories import ContactFactory, grow_network

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def backup_dir(settings, tmp_path):
    settings.NETWEAVE_BACKUP_DIR = tmp_path / "backups"
    return settings.NETWEAVE_BACKUP_DIR


def test_preferences_offer_download_everything(alice_client):
    page = alice_client.get(reverse("accounts:preferences")).content.decode()

    assert reverse("backup:start") in page and "Download everything" in page


def test_a_small_account_is_built_at_once_and_downloads_as_a_zip(alice, alice_client):
    ContactFactory(owner=alice, given_name="Ken")

    response = alice_client.post(reverse("backup:start"))

    backup = AccountBackup.objects.get(owner=alice)
    assert response.url == reverse("backup:detail", args=[backup.pk])
    assert backup.state == BackupState.READY and backup.rows_total == 1
    page = alice_client.get(response.url).content.decode()
    assert "Your backup is ready" in page
    download = alice_client.get(reverse("backup:download", args=[backup.pk]))
    assert download["Content-Type"] == "application/zip"
    assert 'filename="netweave-alice-' in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as archive:
        assert "netweave.json" in archive.namelist()


def test_a_big_account_is_queued_for_the_worker_and_the_page_shows_progress(
    alice, alice_client, settings, django_capture_on_commit_callbacks
):
    settings.NETWEAVE_BACKUP_INLINE_ROWS = 5
    settings.CELERY_TASK_ALWAYS_EAGER = False
    grow_network(alice, 8)

    with django_capture_on_commit_callbacks() as callbacks:
        response = alice_client.post(reverse("backup:start"))

    backup = AccountBackup.objects.get(owner=alice)
    assert backup.state == BackupState.QUEUED and len(callbacks) == 1
    page = alice_client.get(response.url).content.decode()
    assert "Preparing your backup" in page and "<progress" in page and 'http-equiv="refresh"' in page
    from backup.tasks import build_backup

    build_backup(backup.pk)
    build_backup(backup.pk)  # a second delivery is a no-op
    backup.refresh_from_db()
    assert backup.state == BackupState.READY and backup_path(backup).exists()


def test_a_backup_no_worker_took_is_built_by_the_page(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        backup = AccountBackup.objects.create(owner=alice, file_name="x.zip")
    with time_machine.travel(NOW + dt.timedelta(minutes=1), tick=False):
        alice_client.get(reverse("backup:detail", args=[backup.pk]))

    backup.refresh_from_db()
    assert backup.state == BackupState.READY


def test_starting_a_backup_needs_a_post(alice_client):
    assert alice_client.get(reverse("backup:start")).status_code == 405


def test_bob_cannot_see_or_download_alices_backup(alice, alice_client, assert_hidden_from_bob):
    alice_client.post(reverse("backup:start"))
    backup = AccountBackup.objects.get(owner=alice)

    assert_hidden_from_bob(reverse("backup:detail", args=[backup.pk]))
    assert_hidden_from_bob(reverse("backup:download", args=[backup.pk]))


def test_the_download_page_reads_one_row(alice, alice_client, django_assert_max_num_queries):
    alice_client.post(reverse("backup:start"))
    backup = AccountBackup.objects.get(owner=alice)

    # session, user, the backup
    with django_assert_max_num_queries(3):
        alice_client.get(reverse("backup:detail", args=[backup.pk]))


def test_an_old_backup_and_its_file_are_removed_by_the_daily_clean_up(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        alice_client.post(reverse("backup:start"))
    backup = AccountBackup.objects.get(owner=alice)
    assert backup_path(backup).exists()

    assert drop_expired_backups(now=NOW + dt.timedelta(hours=23)) == 0
    assert drop_expired_backups(now=NOW + dt.timedelta(hours=25)) == 1
    assert drop_expired_backups(now=NOW + dt.timedelta(hours=25)) == 0

    assert not AccountBackup.objects.exists() and not backup_path(backup).exists()
    assert alice_client.get(reverse("backup:download", args=[backup.pk])).status_code == 404
