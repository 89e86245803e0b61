"""The bar for issue 10's emails: a Tokyo user's morning, and silence for a user with nothing due."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.scenarios import TOKYO, TOKYO_MORNING, busy_week_in_tokyo

pytestmark = pytest.mark.django_db


def _html(message) -> str:
    return message.alternatives[0][0]


def _digest_went_out_on_monday(user) -> None:
    monday_morning = dt.datetime(2026, 3, 2, 8, 0, tzinfo=TOKYO)
    ReminderEmail.objects.create(
        user=user,
        kind=ReminderKind.WEEKLY,
        period=monday_morning.date(),
        status=ReminderStatus.SENT,
        claimed_at=monday_morning,
        sent_at=monday_morning,
        attempts=1,
    )


def test_a_tokyo_users_daily_shows_her_noon_lunch_at_noon_and_only_the_ten_most_urgent_items(bob):
    week = busy_week_in_tokyo(overdue=30)
    _digest_went_out_on_monday(week.user)  # so Thursday's reminder is the daily
    bob.time_zone = "Asia/Tokyo"  # bob has nothing due at all
    bob.save()

    daily = reminders.send_daily_reminders(now=TOKYO_MORNING)

    assert (daily.sent, daily.skipped) == (1, 1)
    [daily_message] = mail.outbox
    assert daily_message.to == ["hana@example.com"]
    for part in (daily_message.body, _html(daily_message)):
        assert "12:00" in part  # the lunch at 12:00 in Tokyo...
        assert "03:00" not in part  # ...is 03:00 UTC, which she must never see
        assert "Lunch or dinner with Ken Nakamura" in part

    # The daily: 31 due (30 overdue, 1 today), 10 shown, oldest first, then a link to the rest.
    assert daily_message.subject == "1 follow-up due today, 30 overdue"
    overdue_days = [int(days) for days in re.findall(r"overdue (\d+) days", str(daily_message.body))]
    assert overdue_days == list(range(30, 20, -1))  # the ten oldest, oldest first
    assert daily_message.body.count("Mark done:") == 10
    assert "...and 21 more: http://testserver/followups/" in daily_message.body
    assert "And 21 more" in _html(daily_message)
    assert _html(daily_message).count("Mark done") == 10
    assert ReminderEmail.objects.get(user=week.user, kind=ReminderKind.DAILY).item_count == 31


def test_on_the_morning_her_weeks_digest_goes_out_it_is_her_one_email_and_says_what_the_daily_would_have(bob):
    week = busy_week_in_tokyo(overdue=30)  # her Monday digest never went out: Thursday catches it up
    bob.time_zone = "Asia/Tokyo"
    bob.save()

    daily = reminders.send_daily_reminders(now=TOKYO_MORNING)
    digest = reminders.send_weekly_digests(now=TOKYO_MORNING)

    assert (daily.sent, daily.skipped) == (0, 2)
    assert (digest.sent, digest.skipped) == (1, 1)
    [digest_message] = mail.outbox
    assert digest_message.to == ["hana@example.com"]
    html = _html(digest_message)
    for part in (digest_message.body, html):
        assert "12:00" in part and "03:00" not in part
        assert "Lunch or dinner with Ken Nakamura" in part
        assert "1 follow-up due, 30 overdue." in part  # what the daily would have led with

    # The daily's ten most urgent, oldest first; every other part capped at 5.
    overdue_days = [int(days) for days in re.findall(r"overdue (\d+) days", str(digest_message.body))]
    assert overdue_days == list(range(30, 20, -1))
    assert html.count("Mark done") == 10
    assert "And 21 more" in html  # 31 follow-ups this week, 10 shown
    assert "http://testserver/contacts/going-cold/" in html
    assert "Product manager roles in Tokyo" in html
    assert digest_message.subject == "Your week from 2 Mar: 3 meetings, 1 follow-up due, 30 overdue"
    assert ReminderEmail.objects.get(user=week.user, kind=ReminderKind.DAILY).status == ReminderStatus.SKIPPED


def test_a_user_with_nothing_due_gets_no_email_and_the_period_is_settled(alice):
    daily = reminders.send_daily_reminders(now=TOKYO_MORNING)
    digest = reminders.send_weekly_digests(now=TOKYO_MORNING)

    assert (daily.sent, daily.skipped, digest.sent, digest.skipped) == (0, 1, 0, 1)
    assert mail.outbox == []
    assert set(ReminderEmail.objects.values_list("kind", "status")) == {
        (ReminderKind.DAILY, ReminderStatus.SKIPPED),
        (ReminderKind.WEEKLY, ReminderStatus.SKIPPED),
    }
    # Skipped is settled: a later run in the same period neither sends nor retries.
    again = reminders.send_weekly_digests(now=TOKYO_MORNING.replace(hour=20))
    assert (again.sent, again.skipped) == (0, 0)
