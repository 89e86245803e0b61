"""The beat tasks and the batches they fan out, through the real Redis broker and a real Celery worker."""

from __future__ import annotations

import datetime as dt

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from accounts.tests.factories import UserFactory
from followups import reminders, tasks
from followups.models import FollowUp, FollowUpKind, ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory, daily_only
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory
from netweave.celery import app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(90)]


@pytest.fixture
def worker():
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def test_a_second_beat_firing_sends_nothing_more(alice, worker):
    # The task runs at the real current time: hour 0 makes the daily reminder due at any
    # hour, and a follow-up due long ago is due whatever today is.
    alice.daily_reminder_hour = 0
    alice.save()
    daily_only(alice)  # else, whatever today is, a digest due this week would take its place
    FollowUpFactory(owner=alice, due_on=dt.date(2026, 1, 5))

    first = tasks.send_daily_reminders.apply_async(ignore_result=False).get(timeout=30)
    # The solo worker takes tasks in order: the first beat's batch runs before this second beat.
    second = tasks.send_daily_reminders.apply_async(ignore_result=False).get(timeout=30)

    assert (first, second) == ("batches=1 users=1", "batches=0 users=0")
    assert [m.to for m in mail.outbox] == [["alice@example.com"]]
    assert ReminderEmail.objects.get().status == ReminderStatus.SENT


def test_the_weekly_digest_task_fans_out_batches_that_send_each_digest_once(worker, monkeypatch):
    monkeypatch.setattr(reminders, "BATCH_SIZE", 3)
    users = UserFactory.create_batch(7, weekly_digest_weekday=0, weekly_digest_hour=0)  # due all week
    for user in users:
        FollowUpFactory(owner=user, due_on=dt.date(2026, 1, 5))  # something to say

    first = tasks.send_weekly_digests.apply_async(ignore_result=False).get(timeout=30)
    second = tasks.send_weekly_digests.apply_async(ignore_result=False).get(timeout=30)
    # A batch queued again (a redelivery, a beat tick that listed it before it ran) finds it settled.
    again = tasks.send_reminder_batch.apply_async(
        (ReminderKind.WEEKLY, [u.pk for u in users]), ignore_result=False
    ).get(timeout=30)

    assert (first, second, again) == ("batches=3 users=7", "batches=0 users=0", "sent=0 skipped=0 failed=0")
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_the_rules_task_creates_due_follow_ups_once(alice, worker):
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC))

    first = tasks.create_due_followups.apply_async(ignore_result=False).get(timeout=30)
    second = tasks.create_due_followups.apply_async(ignore_result=False).get(timeout=30)

    assert first.startswith("reply_nudges=1") and second.startswith("reply_nudges=0")
    assert FollowUp.objects.filter(kind=FollowUpKind.REPLY_NUDGE).count() == 1


def test_the_beat_schedule_only_triggers_batch_jobs():
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}

    assert {
        "followups.tasks.send_daily_reminders",
        "followups.tasks.send_weekly_digests",
        "followups.tasks.create_due_followups",
    } <= scheduled
    assert all("options" not in entry or "eta" not in entry["options"] for entry in app.conf.beat_schedule.values())
