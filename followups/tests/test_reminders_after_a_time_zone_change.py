"""Moving one's time zone west never brings a second reminder for a day or week already had.

Tokyo's Thursday is New York's Wednesday evening: a user whose Thursday reminder went out
at 08:00 in Tokyo and who then switches to New York is back on a local Wednesday, whose
reminder they never had under that date, but got minutes ago.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from followups import reminders
from followups.models import ReminderEmail, ReminderKind
from followups.tests.factories import FollowUpFactory, daily_only

pytestmark = pytest.mark.django_db

TOKYO, NEW_YORK = ZoneInfo("Asia/Tokyo"), ZoneInfo("America/New_York")
MONDAY = dt.date(2026, 12, 7)  # the default digest day
THURSDAY = MONDAY + dt.timedelta(days=3)


def move_to(user, zone: ZoneInfo) -> None:
    user.time_zone = zone.key
    user.save(update_fields=["time_zone"])


def test_a_daily_had_in_tokyo_is_not_sent_again_after_moving_to_new_york_the_same_evening(alice):
    daily_only(alice)
    move_to(alice, TOKYO)
    FollowUpFactory(owner=alice, due_on=MONDAY)
    tokyo_morning = dt.datetime(2026, 12, 10, 8, tzinfo=TOKYO)  # Thursday; Wednesday 18:00 in New York
    assert reminders.send_daily_reminders(now=tokyo_morning).sent == 1

    move_to(alice, NEW_YORK)
    evening = [tokyo_morning + dt.timedelta(minutes=15 * n) for n in range(1, 25)]  # to Wednesday midnight there
    sent = [reminders.send_daily_reminders(now=moment).sent for moment in evening]

    assert sum(sent) == 0
    assert len(mail.outbox) == 1


def test_after_moving_west_the_next_daily_goes_out_at_the_hour_of_a_new_local_day(alice):
    daily_only(alice)
    move_to(alice, TOKYO)
    FollowUpFactory(owner=alice, due_on=MONDAY)
    reminders.send_daily_reminders(now=dt.datetime(2026, 12, 10, 8, tzinfo=TOKYO))
    move_to(alice, NEW_YORK)

    # Thursday in New York had its email (Tokyo's Thursday); Friday's goes out at 08:00.
    assert reminders.send_daily_reminders(now=dt.datetime(2026, 12, 10, 8, tzinfo=NEW_YORK)).sent == 0
    assert reminders.send_daily_reminders(now=dt.datetime(2026, 12, 11, 7, 59, tzinfo=NEW_YORK)).sent == 0
    assert reminders.send_daily_reminders(now=dt.datetime(2026, 12, 11, 8, tzinfo=NEW_YORK)).sent == 1
    assert sorted(ReminderEmail.objects.filter(kind=ReminderKind.DAILY).values_list("period", flat=True)) == [
        THURSDAY,
        THURSDAY + dt.timedelta(days=1),
    ]


def test_a_digest_had_in_tokyo_on_monday_is_not_sent_again_in_new_yorks_sunday_evening(alice):
    move_to(alice, TOKYO)
    FollowUpFactory(owner=alice, due_on=MONDAY - dt.timedelta(days=7))  # overdue in either week
    tokyo_monday = dt.datetime(2026, 12, 7, 8, tzinfo=TOKYO)  # Sunday 18:00 in New York
    assert reminders.send_weekly_digests(now=tokyo_monday).sent == 1

    move_to(alice, NEW_YORK)
    later = [tokyo_monday + dt.timedelta(hours=n) for n in range(1, 7)]

    assert sum(reminders.send_weekly_digests(now=moment).sent for moment in later) == 0
    assert len(mail.outbox) == 1
