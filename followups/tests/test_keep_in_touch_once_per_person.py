"""One open keep-in-touch follow-up per person: a cadence that changes never adds a second.

The rule keys a follow-up by its lapse (``rule_keys.keep_in_touch``); a new stage, the
contact's own cadence or the owner's defaults move the lapse, and with it the key.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW
from contacts.models import Channel, Stage
from contacts.tests.factories import ContactFactory
from followups import rules, services
from followups.models import FollowUp, FollowUpKind, FollowUpState

pytestmark = pytest.mark.django_db


def open_keep_in_touch(contact) -> int:
    return FollowUp.objects.filter(contact=contact, kind=FollowUpKind.KEEP_IN_TOUCH, state=FollowUpState.OPEN).count()


def test_moving_a_lapsed_contact_to_ally_adds_no_second_follow_up(alice):
    ken = ContactFactory(owner=alice, stage=Stage.ACQUAINTANCE, last_contacted_at=NOW - dt.timedelta(days=130))
    assert rules.create_due_followups(now=NOW).keep_in_touch == 1
    ken.stage = Stage.ALLY  # a 30-day cadence: the lapse moves 90 days earlier
    ken.save()

    assert rules.create_due_followups(now=NOW + dt.timedelta(hours=1)).keep_in_touch == 0
    assert open_keep_in_touch(ken) == 1


def test_changing_the_defaults_for_a_whole_stage_adds_none_for_people_already_asked_about(alice):
    allies = ContactFactory.create_batch(
        3, owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=45)
    )
    assert rules.create_due_followups(now=NOW).keep_in_touch == 3
    alice.cadence_ally_days = 20
    alice.save()

    assert rules.create_due_followups(now=NOW + dt.timedelta(days=1)).keep_in_touch == 0
    assert [open_keep_in_touch(ally) for ally in allies] == [1, 1, 1]


def test_a_snoozed_one_still_counts_and_once_closed_the_new_lapse_gets_its_own(alice):
    ken = ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=31))
    rules.create_due_followups(now=NOW)
    [first] = FollowUp.objects.filter(contact=ken)
    services.snooze(first, until=NOW.date() + dt.timedelta(days=7))
    ken.cadence_days = 14
    ken.save()
    assert rules.create_due_followups(now=NOW + dt.timedelta(hours=1)).keep_in_touch == 0

    services.log_touch(ken, occurred_at=NOW + dt.timedelta(days=1), channel=Channel.CALL)
    assert rules.create_due_followups(now=NOW + dt.timedelta(days=16)).keep_in_touch == 1
    assert open_keep_in_touch(ken) == 1
