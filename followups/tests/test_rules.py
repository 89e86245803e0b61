"""The batch job create_due_followups: reply nudges and keep-in-touch, in bulk and idempotent."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.tests.factories import UserFactory
from conftest import NOW
from contacts.models import Channel, Stage
from contacts.tests.factories import ContactFactory
from followups import rules, services
from followups.models import FollowUp, FollowUpKind
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_request_unanswered_for_seven_days_gets_one_polite_nudge(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=7))

    first = rules.create_due_followups(now=NOW)
    second = rules.create_due_followups(now=NOW + dt.timedelta(days=3))

    [nudge] = FollowUp.objects.filter(kind=FollowUpKind.REPLY_NUDGE)
    assert (first.reply_nudges, second.reply_nudges) == (1, 0)
    assert nudge.meeting == meeting and nudge.contact == meeting.contact
    assert nudge.due_on == NOW.date()
    assert "I wanted to follow up on my earlier note" in nudge.message


def test_a_recent_or_answered_request_gets_no_nudge(alice):
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=6))
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, requested_at=NOW - dt.timedelta(days=30))

    assert rules.create_due_followups(now=NOW).reply_nudges == 0


def test_the_nudge_delay_is_each_users_own(alice, bob):
    bob.reply_nudge_after_days = 3
    bob.save()
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=4))
    MeetingFactory(owner=bob, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=4))

    rules.create_due_followups(now=NOW)

    assert list(FollowUp.objects.values_list("owner__username", flat=True)) == ["bob"]


def test_a_lapsed_cadence_creates_one_keep_in_touch_per_lapse(alice):
    lapsed = ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=31))
    ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=10))

    assert rules.create_due_followups(now=NOW).keep_in_touch == 1
    assert rules.create_due_followups(now=NOW + dt.timedelta(hours=1)).keep_in_touch == 0

    [followup] = FollowUp.objects.filter(kind=FollowUpKind.KEEP_IN_TOUCH)
    assert followup.contact == lapsed
    assert followup.due_on == NOW.date()
    assert followup.message.startswith(f"Dear {lapsed.call_them},")


def test_after_a_new_touch_the_next_lapse_gets_a_new_follow_up(alice):
    contact = ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=31))
    rules.create_due_followups(now=NOW)
    services.log_touch(contact, occurred_at=NOW, channel=Channel.CALL)  # closes the first

    rules.create_due_followups(now=NOW + dt.timedelta(days=31))

    assert FollowUp.objects.filter(kind=FollowUpKind.KEEP_IN_TOUCH, contact=contact).count() == 2


def _network(users: int) -> None:
    for _ in range(users):
        user = UserFactory()
        ContactFactory(owner=user, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=40))
        MeetingFactory(owner=user, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=9))


@pytest.mark.parametrize("users", [3, 30])
def test_the_job_uses_the_same_number_of_queries_for_3_or_30_users(users, django_assert_max_num_queries):
    _network(users)
    # Reply nudges: batch of meetings, draft overrides, existing keys, insert, empty next batch (5).
    # Keep in touch: batch of users, UNION of going_cold, existing keys, each owner's count of
    # today's new ones (the daily budget), draft overrides, insert, empty next batch (7).
    with django_assert_max_num_queries(12):
        run = rules.create_due_followups(now=NOW)
    assert (run.reply_nudges, run.keep_in_touch) == (users, users)
