"""One reminder email a day, even when the digest becomes due after that day's daily went out.

Switching the digest on, or moving its day back to one already past this week, makes this
week's digest due at once (caught up). If the daily already went out today, the digest
waits for tomorrow at its hour, where it takes that day's place instead.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

DENVER = ZoneInfo("America/Denver")
MONDAY = dt.date(2026, 12, 7)
WEDNESDAY, THURSDAY = MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=3)


def tick(day: dt.date, hour: int) -> None:
    """One beat tick of both jobs, five past ``hour`` in Denver."""
    now = dt.datetime(day.year, day.month, day.day, hour, 5, tzinfo=DENVER)
    for kind in (ReminderKind.DAILY, ReminderKind.WEEKLY):
        reminders.send_reminders(kind, now=now)


def kinds_sent() -> list[str]:
    return [str(message.extra_headers["Message-ID"]).split(".")[1] for message in mail.outbox]


@pytest.fixture
def in_denver(alice):
    alice.time_zone, alice.daily_reminder_hour, alice.weekly_digest_hour = "America/Denver", 7, 8
    alice.save()
    FollowUpFactory(owner=alice, due_on=MONDAY)
    return alice


def switch_the_digest_on(user) -> None:
    user.weekly_digest_enabled = True
    user.save()


def move_the_digest_to_monday(user) -> None:
    user.weekly_digest_weekday = 0
    user.save()


@pytest.mark.parametrize(
    ("before", "change"),
    [
        ({"weekly_digest_enabled": False}, switch_the_digest_on),
        ({"weekly_digest_weekday": 4}, move_the_digest_to_monday),
    ],
)
def test_a_digest_due_after_the_daily_went_out_waits_for_tomorrow_and_takes_its_place(in_denver, before, change):
    for name, value in before.items():
        setattr(in_denver, name, value)
    in_denver.save()
    tick(WEDNESDAY, 7)
    assert kinds_sent() == ["daily"]

    change(in_denver)
    for hour in range(10, 24):
        tick(WEDNESDAY, hour)
    assert kinds_sent() == ["daily"]

    for hour in range(24):
        tick(THURSDAY, hour)
    assert kinds_sent() == ["daily", "weekly"]
    digest = ReminderEmail.objects.get(kind=ReminderKind.WEEKLY)
    assert digest.sent_at and digest.sent_at.astimezone(DENVER).date() == THURSDAY
    assert ReminderEmail.objects.get(kind=ReminderKind.DAILY, period=THURSDAY).status == ReminderStatus.SKIPPED
