"""manage.py drop_abandoned_uploads: the daily clean-up, synchronously, for cron users."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from conftest import NOW
from imports.models import ImportUpload

pytestmark = pytest.mark.django_db


def make_upload(owner, *, created_at: dt.datetime) -> ImportUpload:
    row = ImportUpload.objects.create(owner=owner, uploaded_by=owner, file_name="contacts.vcf", content=b"BEGIN:VCARD")
    ImportUpload.objects.filter(pk=row.pk).update(created_at=created_at)
    return row


def run(*args: str) -> str:
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("drop_abandoned_uploads", *args, stdout=out)
    return out.getvalue()


def test_the_command_drops_day_old_uploads_and_says_how_many(alice, bob):
    make_upload(alice, created_at=NOW - dt.timedelta(days=2))
    make_upload(bob, created_at=NOW - dt.timedelta(days=5))
    fresh = make_upload(alice, created_at=NOW - dt.timedelta(hours=3))

    assert run() == "Dropped 2 abandoned import uploads.\n"
    assert list(ImportUpload.objects.all()) == [fresh]


def test_running_the_command_twice_is_safe(alice):
    make_upload(alice, created_at=NOW - dt.timedelta(days=2))

    assert run("--batch-size", "1") == "Dropped 1 abandoned import upload.\n"
    assert run() == "Dropped 0 abandoned import uploads.\n"


def test_a_batch_size_below_one_is_refused(alice):
    make_upload(alice, created_at=NOW - dt.timedelta(days=2))

    with pytest.raises(CommandError, match="at least 1"):
        run("--batch-size", "0")
    assert ImportUpload.objects.count() == 1
