from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from backup.models import AccountBackup, BackupState
from backup.services import backup_path, request_backup
from backup.tasks import drop_expired_backups
from netweave.celery import app

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def backup_dir(settings, tmp_path):
    settings.NETWEAVE_BACKUP_DIR = tmp_path / "backups"


def test_the_command_removes_day_old_backups_and_is_safe_to_repeat(alice, capsys):
    with time_machine.travel(NOW, tick=False):
        old = request_backup(alice)
    with time_machine.travel(NOW + dt.timedelta(hours=30), tick=False):
        fresh = request_backup(alice)
        call_command("drop_expired_backups")
        call_command("drop_expired_backups")

    assert list(AccountBackup.objects.all()) == [fresh]
    assert not backup_path(old).exists() and backup_path(fresh).exists()
    assert capsys.readouterr().out == "Dropped 1 expired backup.\nDropped 0 expired backups.\n"


def test_a_backup_being_written_is_left_alone(alice):
    with time_machine.travel(NOW, tick=False):
        AccountBackup.objects.create(owner=alice, state=BackupState.WORKING, file_name="busy.zip")

    with time_machine.travel(NOW + dt.timedelta(hours=30), tick=False):
        assert drop_expired_backups() == "dropped=0"
    assert AccountBackup.objects.exists()


def test_the_clean_up_is_in_the_daily_beat_schedule():
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"] == "backup.drop_expired_backups"]

    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {40}
