"""Exported dates are the user's own days: a call at 23:30 in New York was on that day, not the next."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from backup.writer import write_backup
from conftest import NOW
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
LATE_CALL = dt.datetime(2026, 3, 9, 23, 30, tzinfo=NEW_YORK)  # 04:30 on 10 March in UTC


@pytest.fixture
def in_new_york(alice):
    alice.time_zone = NEW_YORK.key
    alice.save(update_fields=["time_zone"])
    ContactFactory(owner=alice, last_contacted_at=LATE_CALL)
    return alice


def last_contacted(text: str) -> str:
    [row] = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    return row["Last contacted"]


def test_the_csv_download_says_the_day_of_the_last_touch_in_the_users_time_zone(in_new_york, alice_client):
    response = alice_client.get(reverse("contacts:export_csv"))

    assert last_contacted(b"".join(response.streaming_content).decode("utf-8")) == "2026-03-09"


def test_the_backups_spreadsheet_of_people_says_the_same_day_without_a_request(in_new_york, tmp_path):
    path = tmp_path / "backup.zip"
    write_backup(in_new_york, path, now=NOW)

    with zipfile.ZipFile(path) as archive:
        assert last_contacted(archive.read("spreadsheets/people.csv").decode("utf-8")) == "2026-03-09"
