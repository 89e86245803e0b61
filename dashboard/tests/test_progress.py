from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine

from conftest import NOW
from contacts.models import Direction, Source
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from dashboard.progress import WEEKS, progress_for, week_start
from followups.models import FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = NOW.date()


def held(owner, when):
    return MeetingFactory(owner=owner, state=MeetingState.HELD, held_at=when, starts_at=when, requested_at=when)


def test_meetings_held_are_counted_per_week_for_the_last_twelve_weeks(alice):
    held(alice, NOW - timedelta(days=1))
    held(alice, NOW - timedelta(days=2))
    held(alice, NOW - timedelta(weeks=5))
    held(alice, NOW - timedelta(weeks=13))  # too old to count
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW - timedelta(days=1))

    progress = progress_for(alice, today=TODAY)

    bars = progress.held_per_week
    assert len(bars) == WEEKS
    assert bars[-1].week_start == week_start(TODAY)
    assert bars[-1].count == 2
    assert sum(bar.count for bar in bars) == progress.held_total == 3
    assert progress.held_max == 2


def test_conversion_counts_requests_that_became_scheduled_or_held_meetings(alice):
    asked = NOW - timedelta(days=10)
    MeetingFactory(owner=alice, state=MeetingState.HELD, requested_at=asked)
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, requested_at=asked)
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=asked)
    MeetingFactory(owner=alice, state=MeetingState.DECLINED, requested_at=asked)
    MeetingFactory(owner=alice, state=MeetingState.IDEA)  # never asked

    progress = progress_for(alice, today=TODAY)

    assert (progress.requested, progress.converted, progress.conversion_percent) == (4, 2, 50)
    assert [(share.key, share.count) for share in progress.conversion] == [
        ("converted", 2),
        ("waiting", 1),
        ("closed", 1),
    ]


def test_a_thank_you_is_on_time_when_done_by_its_due_date(alice):
    due = TODAY - timedelta(days=5)
    FollowUpFactory(owner=alice, due_on=due, state=FollowUpState.DONE, done_at=NOW - timedelta(days=6))
    FollowUpFactory(
        owner=alice,
        kind=FollowUpKind.THANK_REFERRER,
        due_on=due,
        state=FollowUpState.DONE,
        done_at=NOW - timedelta(days=5),
    )
    FollowUpFactory(owner=alice, due_on=due, state=FollowUpState.DONE, done_at=NOW - timedelta(days=2))
    FollowUpFactory(owner=alice, due_on=due, state=FollowUpState.OPEN)  # still owed
    FollowUpFactory(owner=alice, kind=FollowUpKind.PROMISE, due_on=due, state=FollowUpState.DONE, done_at=NOW)

    progress = progress_for(alice, today=TODAY)

    assert (progress.thank_yous_done, progress.thank_yous_on_time, progress.thank_yous_overdue) == (3, 2, 1)
    assert progress.on_time_percent == 67


def test_new_contacts_are_counted_by_source_largest_first(alice):
    ContactFactory.create_batch(3, owner=alice, source=Source.LINKEDIN)
    ContactFactory(owner=alice, source=Source.ALUMNI)

    progress = progress_for(alice, today=TODAY)

    assert progress.contact_count == 4 and progress.new_contacts == 4
    assert [(share.label, share.count, share.percent) for share in progress.sources] == [
        ("LinkedIn", 3, 75),
        ("Alumni group", 1, 25),
    ]


def test_contacts_added_before_the_window_count_in_the_network_but_not_as_new(alice):
    with time_machine.travel(NOW - timedelta(weeks=20), tick=False):
        ContactFactory(owner=alice, source=Source.FAMILY)
    ContactFactory(owner=alice, source=Source.EVENT)

    progress = progress_for(alice, today=TODAY)

    assert progress.contact_count == 2
    assert [share.key for share in progress.sources] == [Source.EVENT]


def test_give_and_get_balance_counts_the_ledger_in_the_window(alice):
    LedgerEntryFactory(owner=alice, direction=Direction.GAVE, occurred_on=TODAY)
    LedgerEntryFactory(owner=alice, direction=Direction.GAVE, occurred_on=TODAY - timedelta(days=3))
    LedgerEntryFactory(owner=alice, direction=Direction.RECEIVED, occurred_on=TODAY)
    LedgerEntryFactory(owner=alice, direction=Direction.RECEIVED, occurred_on=TODAY - timedelta(weeks=30))

    progress = progress_for(alice, today=TODAY)

    assert (progress.gave, progress.received) == (2, 1)


def test_another_users_rows_never_count(alice, bob):
    held(bob, NOW - timedelta(days=1))
    ContactFactory(owner=bob)
    LedgerEntryFactory(owner=bob, occurred_on=TODAY)

    progress = progress_for(alice, today=TODAY)

    assert progress.is_empty and progress.contact_count == 0


def test_beyond_six_channels_the_rest_share_one_row(alice):
    sources = [Source.LINKEDIN, Source.ALUMNI, Source.FAMILY, Source.COLD, Source.EVENT, Source.SOCIAL, Source.OTHER]
    for count, source in enumerate(sources, start=1):
        ContactFactory.create_batch(8 - count, owner=alice, source=source)

    progress = progress_for(alice, today=TODAY)

    assert [share.label for share in progress.sources][-1] == "2 other channels"
    assert len(progress.sources) == 6
    assert sum(share.count for share in progress.sources) == progress.new_contacts == 28
