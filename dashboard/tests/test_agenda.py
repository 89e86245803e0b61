from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from contacts.models import Contact, Stage
from contacts.tests.factories import ContactFactory
from dashboard.agenda import going_cold

pytestmark = pytest.mark.django_db


def test_the_going_cold_panel_shows_the_contacts_read_most_overdue_first(alice):
    alice.cadence_ally_days = 30
    alice.cadence_in_touch_days = 60
    alice.cadence_acquaintance_days = None  # no clock for acquaintances
    alice.save()
    for days, stage, cadence in [
        (400, Stage.ALLY, None),
        (45, Stage.ALLY, None),
        (10, Stage.ALLY, None),
        (90, Stage.IN_TOUCH, None),
        (61, Stage.IN_TOUCH, None),
        (20, Stage.IN_TOUCH, 7),  # its own cadence
        (500, Stage.ACQUAINTANCE, None),  # no cadence: never cold
        (500, Stage.ACQUAINTANCE, 100),
        (5, Stage.WANT_TO_MEET, None),
    ]:
        ContactFactory(owner=alice, stage=stage, cadence_days=cadence, last_contacted_at=NOW - timedelta(days=days))
    ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=None)

    expected = list(Contact.objects.for_owner(alice).going_cold(NOW)[:6])

    assert going_cold(alice, now=NOW, limit=6) == expected
    assert len(expected) == 6


def test_going_cold_never_shows_another_users_contacts(alice, bob):
    ContactFactory(owner=bob, stage=Stage.ALLY, last_contacted_at=NOW - timedelta(days=400))

    assert going_cold(alice, now=NOW) == []
