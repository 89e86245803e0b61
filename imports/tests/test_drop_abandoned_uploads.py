"""The daily clean-up of import uploads nobody confirmed: the service and its beat task."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import NOW
from imports import tasks
from imports.jobs import drop_abandoned_uploads
from imports.models import ImportUpload, UploadState
from netweave.celery import app

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def upload(owner, *, age: dt.timedelta, state: str = UploadState.PREVIEWED, queued_ago: dt.timedelta | None = None):
    row = ImportUpload.objects.create(
        owner=owner, uploaded_by=owner, file_name="Connections.csv", content=b"First Name\nAda\n", size=15, state=state
    )
    # created_at is auto_now_add: set the past moment afterwards.
    ImportUpload.objects.filter(pk=row.pk).update(
        created_at=NOW - age, queued_at=NOW - queued_ago if queued_ago is not None else None
    )
    return row


def remaining() -> set[int]:
    return set(ImportUpload.objects.values_list("pk", flat=True))


def test_day_old_uploads_of_every_owner_are_dropped_and_fresh_ones_kept(alice, bob):
    alices_old = upload(alice, age=DAY + dt.timedelta(minutes=1))
    bobs_old = upload(bob, age=3 * DAY, state=UploadState.IMPORTED)
    failed = upload(bob, age=2 * DAY, state=UploadState.FAILED)
    fresh = upload(alice, age=DAY - dt.timedelta(minutes=1))

    dropped = drop_abandoned_uploads(now=NOW)

    assert dropped == 3
    assert remaining() == {fresh.pk}
    assert {alices_old.pk, bobs_old.pk, failed.pk}.isdisjoint(remaining())


def test_a_step_a_worker_may_be_running_now_is_left_alone(alice):
    # Previewed two days ago, confirmed a minute ago: the import is running right now.
    running = upload(alice, age=2 * DAY, state=UploadState.WORKING, queued_ago=dt.timedelta(minutes=1))
    queued = upload(alice, age=2 * DAY, state=UploadState.QUEUED, queued_ago=dt.timedelta(hours=2))
    # A job nobody ran for a day is dead: its file goes too.
    dead = upload(alice, age=3 * DAY, state=UploadState.QUEUED, queued_ago=2 * DAY)

    drop_abandoned_uploads(now=NOW)

    assert remaining() == {running.pk, queued.pk}
    assert dead.pk not in remaining()


def test_running_it_again_drops_nothing_more(alice):
    upload(alice, age=2 * DAY)
    kept = upload(alice, age=dt.timedelta(hours=1))

    assert drop_abandoned_uploads(now=NOW) == 1
    assert drop_abandoned_uploads(now=NOW) == 0
    assert remaining() == {kept.pk}


def test_a_backlog_is_dropped_in_batches(alice):
    for _ in range(7):
        upload(alice, age=2 * DAY)

    assert drop_abandoned_uploads(now=NOW, batch_size=3) == 7
    assert remaining() == set()


def test_the_task_runs_the_same_clean_up_at_the_current_time(alice):
    upload(alice, age=2 * DAY)

    with time_machine.travel(NOW, tick=False):
        first = tasks.drop_abandoned_uploads()
        second = tasks.drop_abandoned_uploads()

    assert (first, second) == ("dropped=1", "dropped=0")


def test_the_clean_up_is_in_the_daily_beat_schedule():
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"] == "imports.tasks.drop_abandoned_uploads"]

    assert entry["schedule"].hour == {3} and entry["schedule"].minute == {30}
