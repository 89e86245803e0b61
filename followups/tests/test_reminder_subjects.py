"""Reminder subjects count each follow-up once: due today and overdue never overlap."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from conftest import NOW
from followups import reminders
from followups.tests.factories import FollowUpFactory, daily_only
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = NOW.date()  # Wednesday 4 March 2026, 10:30 UTC
SUNDAY = dt.date(2026, 3, 8)


def _html(message) -> str:
    return message.alternatives[0][0]


def _follow_ups(owner, *, overdue: int = 0, today: int = 0, later: int = 0) -> None:
    for n in range(overdue):
        FollowUpFactory(owner=owner, due_on=TODAY - dt.timedelta(days=n + 1))
    for _ in range(today):
        FollowUpFactory(owner=owner, due_on=TODAY)
    for _ in range(later):
        FollowUpFactory(owner=owner, due_on=SUNDAY)


@pytest.mark.parametrize(
    ("today", "overdue", "subject"),
    [
        (1, 0, "1 follow-up due today"),
        (2, 0, "2 follow-ups due today"),
        (0, 1, "1 overdue follow-up"),
        (0, 17, "17 overdue follow-ups"),
        (1, 1, "1 follow-up due today, 1 overdue"),
        (2, 15, "2 follow-ups due today, 15 overdue"),
    ],
)
def test_the_daily_subject_says_how_many_are_due_today_and_how_many_overdue_without_overlap(
    alice, today, overdue, subject
):
    daily_only(alice)
    _follow_ups(alice, overdue=overdue, today=today)

    reminders.send_daily_reminders(now=NOW)

    [message] = mail.outbox
    assert message.subject == subject
    assert f">{subject}</h1>" in _html(message)  # the heading says the same
    assert f"Wednesday 4 March: {subject}." in message.body


def test_a_daily_with_only_meetings_says_how_many(alice):
    daily_only(alice)
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + dt.timedelta(hours=2))
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + dt.timedelta(hours=4))

    reminders.send_daily_reminders(now=NOW)

    assert [m.subject for m in mail.outbox] == ["Today: 2 meetings"]


@pytest.mark.parametrize(
    ("meetings", "later", "overdue", "summary"),
    [
        (1, 1, 0, "1 meeting, 1 follow-up due"),
        (0, 3, 0, "0 meetings, 3 follow-ups due"),
        (3, 0, 17, "3 meetings, 17 overdue follow-ups"),
        (2, 0, 1, "2 meetings, 1 overdue follow-up"),
        (1, 2, 15, "1 meeting, 2 follow-ups due, 15 overdue"),
        (2, 0, 0, "2 meetings"),
    ],
)
def test_the_digest_subject_counts_the_weeks_follow_ups_once(alice, meetings, later, overdue, summary):
    _follow_ups(alice, overdue=overdue, later=later)
    for n in range(meetings):
        MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + dt.timedelta(days=1, hours=n))

    reminders.send_weekly_digests(now=NOW)

    [message] = mail.outbox
    assert message.subject == f"Your week from 2 Mar: {summary}"
