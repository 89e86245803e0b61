"""Nothing emails a user in the middle of their night: every reminder waits for the user's own hour.

A digest caught up later in the week (she joined, switched it on, changed her day or her
time zone, or Monday's sends failed) goes out at the digest hour of that later day, not at
whatever hour the catch-up window happens to be open.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 3, 2)


def quarter_hours(start: dt.datetime, days: int = 1) -> list[dt.datetime]:
    return [start + dt.timedelta(minutes=15 * n) for n in range(96 * days)]


@pytest.mark.parametrize("zone", ["America/Denver", "Asia/Kolkata", "Asia/Kathmandu"])
@pytest.mark.parametrize("day", [MONDAY + dt.timedelta(days=2), MONDAY + dt.timedelta(days=6)])
def test_a_digest_caught_up_later_in_the_week_waits_for_the_digest_hour_of_that_day(alice, zone, day):
    # She moved here mid-week; this week's Monday 08:00 digest never went out.
    alice.time_zone = zone
    alice.save()
    FollowUpFactory(owner=alice, due_on=MONDAY)
    midnight = dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))

    sends = [now for now in quarter_hours(midnight) if reminders.send_weekly_digests(now=now).sent]

    assert [now.astimezone(ZoneInfo(zone)).time() for now in sends] == [dt.time(8, 0)]
    assert len(mail.outbox) == 1


def test_a_digest_that_failed_on_its_day_is_retried_the_next_day_at_the_digest_hour_not_at_midnight(alice):
    alice.time_zone = "America/Denver"
    alice.save()
    denver = ZoneInfo("America/Denver")
    FollowUpFactory(owner=alice, due_on=MONDAY)
    ReminderEmail.objects.create(
        user=alice,
        kind=ReminderKind.WEEKLY,
        period=MONDAY,
        status=ReminderStatus.FAILED,
        claimed_at=dt.datetime(2026, 3, 2, 23, 45, tzinfo=denver),
        attempts=1,
        last_error="Connection refused",
    )

    tuesday = dt.datetime(2026, 3, 3, tzinfo=denver)
    sends = [now for now in quarter_hours(tuesday) if reminders.send_weekly_digests(now=now).sent]

    assert [now.astimezone(denver).time() for now in sends] == [dt.time(8, 0)]


def test_over_a_week_she_joins_mid_week_every_email_goes_out_at_her_hour_and_never_two_a_day(alice):
    denver = ZoneInfo("America/Denver")
    alice.time_zone, alice.daily_reminder_hour, alice.weekly_digest_hour = "America/Denver", 7, 9
    alice.save()
    FollowUpFactory(owner=alice, due_on=MONDAY)  # overdue every day of the week after
    wednesday = dt.datetime(2026, 3, 4, tzinfo=denver)

    for now in quarter_hours(wednesday, days=7)[::4]:  # hourly: the hours are in question here
        for kind in (ReminderKind.DAILY, ReminderKind.WEEKLY):
            reminders.send_reminders(kind, now=now)

    sent = [
        (row.kind, row.sent_at.astimezone(denver))
        for row in ReminderEmail.objects.filter(status=ReminderStatus.SENT).order_by("sent_at")
        if row.sent_at
    ]
    # Wednesday: the caught-up digest at 09:00; Thursday to Sunday: the daily at 07:00;
    # Monday: the new week's digest at 09:00; Tuesday: the daily at 07:00.
    assert [(kind, moment.strftime("%a %H:%M")) for kind, moment in sent] == [
        (ReminderKind.WEEKLY, "Wed 09:00"),
        (ReminderKind.DAILY, "Thu 07:00"),
        (ReminderKind.DAILY, "Fri 07:00"),
        (ReminderKind.DAILY, "Sat 07:00"),
        (ReminderKind.DAILY, "Sun 07:00"),
        (ReminderKind.WEEKLY, "Mon 09:00"),
        (ReminderKind.DAILY, "Tue 07:00"),
    ]
    assert max(Counter(moment.date() for _, moment in sent).values()) == 1
    assert len(mail.outbox) == 7
