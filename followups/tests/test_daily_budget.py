"""The keep-in-touch daily budget: a calm morning after an import or a first run on an old network."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from conftest import NOW
from contacts.models import Contact, Stage
from contacts.tests.factories import ContactFactory
from followups import rules
from followups.models import FollowUp, FollowUpKind, FollowUpState

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def keep_in_touch(owner) -> list[FollowUp]:
    return list(FollowUp.objects.filter(owner=owner, kind=FollowUpKind.KEEP_IN_TOUCH).select_related("contact"))


def lapsed(owner, *, stage: str, days_ago: int, count: int = 1) -> list[Contact]:
    """``count`` contacts of ``stage`` last touched ``days_ago`` days before NOW."""
    return ContactFactory.create_batch(
        count, owner=owner, stage=stage, last_contacted_at=NOW - dt.timedelta(days=days_ago)
    )


def test_300_contacts_150_lapsed_get_at_most_5_a_day_and_a_rerun_adds_none(alice):
    # 150 lapsed across the stages (allies 30 days, in touch 60, acquaintances 120), 150 recent.
    lapsed(alice, stage=Stage.ALLY, days_ago=45, count=40)
    lapsed(alice, stage=Stage.IN_TOUCH, days_ago=90, count=50)
    lapsed(alice, stage=Stage.ACQUAINTANCE, days_ago=200, count=60)
    lapsed(alice, stage=Stage.ALLY, days_ago=2, count=150)
    assert Contact.objects.for_owner(alice).going_cold(NOW).count() == 150

    day_one = rules.create_due_followups(now=NOW).keep_in_touch
    rerun = rules.create_due_followups(now=NOW + dt.timedelta(hours=5)).keep_in_touch
    day_two = rules.create_due_followups(now=NOW + DAY).keep_in_touch

    assert (day_one, rerun, day_two) == (5, 0, 5)
    followups = keep_in_touch(alice)
    assert len({f.contact_id for f in followups}) == 10
    assert sorted(f.due_on for f in followups) == [NOW.date()] * 5 + [(NOW + DAY).date()] * 5
    # Going cold still lists everyone who lapsed, with or without a follow-up yet.
    assert Contact.objects.for_owner(alice).going_cold(NOW + DAY).count() == 150


def test_allies_come_first_then_in_touch_then_the_most_overdue(alice):
    acquaintance = lapsed(alice, stage=Stage.ACQUAINTANCE, days_ago=400)
    in_touch = lapsed(alice, stage=Stage.IN_TOUCH, days_ago=70, count=2)
    long_lapsed_ally = lapsed(alice, stage=Stage.ALLY, days_ago=90)
    ally = lapsed(alice, stage=Stage.ALLY, days_ago=40)
    alice.keep_in_touch_per_day = 3
    alice.save()

    rules.create_due_followups(now=NOW)
    chosen = {f.contact for f in keep_in_touch(alice)}
    assert chosen >= {*long_lapsed_ally, *ally} and len(chosen & set(in_touch)) == 1

    # The next day: the other person in touch, then the acquaintance, however long ago.
    assert rules.create_due_followups(now=NOW + DAY).keep_in_touch == 2
    assert {f.contact for f in keep_in_touch(alice)} == {*long_lapsed_ally, *ally, *in_touch, *acquaintance}


def test_within_a_stage_the_most_overdue_comes_first(alice):
    lapsed(alice, stage=Stage.ALLY, days_ago=35)
    oldest = lapsed(alice, stage=Stage.ALLY, days_ago=300)
    alice.keep_in_touch_per_day = 1
    alice.save()

    rules.create_due_followups(now=NOW)

    assert [f.contact for f in keep_in_touch(alice)] == oldest


def test_the_budget_is_each_users_own_and_open_ones_from_earlier_days_do_not_count(alice, bob):
    lapsed(alice, stage=Stage.ALLY, days_ago=40, count=12)
    lapsed(bob, stage=Stage.ALLY, days_ago=40, count=12)
    bob.keep_in_touch_per_day = 10
    bob.save()

    assert rules.create_due_followups(now=NOW).keep_in_touch == 15
    assert (len(keep_in_touch(alice)), len(keep_in_touch(bob))) == (5, 10)
    # Still open the next day, yet the new day has its own budget.
    assert rules.create_due_followups(now=NOW + DAY).keep_in_touch == 5 + 2
    assert all(f.state == FollowUpState.OPEN for f in keep_in_touch(alice))


def test_the_day_is_the_users_local_day(alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save()
    lapsed(alice, stage=Stage.ALLY, days_ago=60, count=8)
    tokyo = ZoneInfo("Asia/Tokyo")
    evening = dt.datetime(2026, 3, 4, 23, 0, tzinfo=tokyo)  # 14:00 UTC, still 4 March in London

    assert rules.create_due_followups(now=evening).keep_in_touch == 5
    assert rules.create_due_followups(now=evening + dt.timedelta(minutes=30)).keep_in_touch == 0
    # 00:30 on 5 March in Tokyo (15:30 UTC on the 4th): a new day there.
    assert rules.create_due_followups(now=evening + dt.timedelta(minutes=90)).keep_in_touch == 3


def test_reply_nudges_do_not_use_the_keep_in_touch_budget(alice):
    from meetings.models import MeetingState
    from meetings.tests.factories import MeetingFactory

    for _ in range(6):
        MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=9))
    lapsed(alice, stage=Stage.ALLY, days_ago=40, count=6)

    run = rules.create_due_followups(now=NOW)

    assert (run.reply_nudges, run.keep_in_touch, run.created) == (6, 5, 11)
