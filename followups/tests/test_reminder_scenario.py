"""The bar for issue 10's emails: a Tokyo user's morning, and silence for a user with nothing due."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.scenarios import TOKYO_MORNING, busy_week_in_tokyo

pytestmark = pytest.mark.django_db


def _html(message) -> str:
    return message.alternatives[0][0]


def test_a_tokyo_users_emails_show_her_noon_lunch_at_noon_and_only_the_most_urgent_items(bob):
    week = busy_week_in_tokyo(overdue=30)
    bob.time_zone = "Asia/Tokyo"  # bob has nothing due at all
    bob.save()

    daily = reminders.send_daily_reminders(now=TOKYO_MORNING)
    digest = reminders.send_weekly_digests(now=TOKYO_MORNING)

    assert (daily.sent, daily.skipped) == (1, 1)
    assert (digest.sent, digest.skipped) == (1, 1)
    assert [m.to for m in mail.outbox] == [["hana@example.com"], ["hana@example.com"]]
    daily_message, digest_message = mail.outbox
    for part in (daily_message.body, _html(daily_message), digest_message.body, _html(digest_message)):
        assert "12:00" in part  # the lunch at 12:00 in Tokyo...
        assert "03:00" not in part  # ...is 03:00 UTC, which she must never see
        assert "Lunch or dinner with Ken Nakamura" in part

    # The daily: 31 due (30 overdue, 1 today), 10 shown, oldest first, then a link to the rest.
    assert daily_message.subject == "31 follow-ups due today (30 overdue)"
    overdue_days = [int(days) for days in re.findall(r"overdue (\d+) days", str(daily_message.body))]
    assert overdue_days == list(range(30, 20, -1))  # the ten oldest, oldest first
    assert daily_message.body.count("Mark done:") == 10
    assert "...and 21 more: http://testserver/followups/" in daily_message.body
    assert "And 21 more" in _html(daily_message)
    assert _html(daily_message).count("Mark done") == 10

    # The digest: every part capped at 5.
    html = _html(digest_message)
    assert html.count("Mark done") == 5
    assert "And 26 more" in html  # 31 follow-ups this week, 5 shown
    assert "http://testserver/contacts/going-cold/" in html
    assert "Product manager roles in Tokyo" in html
    assert digest_message.subject == "Your week from 2 Mar: 3 meetings, 31 follow-ups (30 overdue)"
    assert ReminderEmail.objects.get(user=week.user, kind=ReminderKind.DAILY).item_count == 31


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
