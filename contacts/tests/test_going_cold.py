"""The one "going cold" read: ``Contact.objects.for_owner(user).going_cold(now)``."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from contacts.models import Contact, Stage
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(alice):
    """Alice's cadences (allies 30 days, in touch 60, acquaintances none) and a mixed network."""
    alice.cadence_ally_days = 30
    alice.cadence_in_touch_days = 60
    alice.cadence_acquaintance_days = None
    alice.save()
    people = {}
    for name, days, stage, cadence in [
        ("ally_400", 400, Stage.ALLY, None),
        ("ally_45", 45, Stage.ALLY, None),
        ("ally_10", 10, Stage.ALLY, None),
        ("in_touch_90", 90, Stage.IN_TOUCH, None),
        ("in_touch_61", 61, Stage.IN_TOUCH, None),
        ("own_7", 20, Stage.IN_TOUCH, 7),  # its own cadence wins over the stage's
        ("own_365", 100, Stage.ALLY, 365),  # its own cadence: not due yet
        ("acquaintance", 500, Stage.ACQUAINTANCE, None),  # no cadence for the stage: never cold
        ("acquaintance_own", 500, Stage.ACQUAINTANCE, 100),
        ("stranger", 5, Stage.WANT_TO_MEET, None),
    ]:
        people[name] = ContactFactory(
            owner=alice, stage=stage, cadence_days=cadence, last_contacted_at=NOW - timedelta(days=days)
        )
    people["never"] = ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=None)
    return people


def test_going_cold_is_every_lapsed_cadence_most_overdue_first(alice, network):
    cold = list(Contact.objects.for_owner(alice).going_cold(NOW))

    names = {contact.pk: name for name, contact in network.items()}
    assert [names[contact.pk] for contact in cold] == [
        "acquaintance_own",  # 400 days over
        "ally_400",  # 370 days over
        "in_touch_90",  # 30 days over
        "ally_45",  # 15 days over
        "own_7",  # 13 days over
        "in_touch_61",  # 1 day over
    ]
    assert cold[0].effective_cadence == 100


def test_the_fast_first_few_form_returns_the_same_people_in_the_same_order(alice, network):
    everyone = list(Contact.objects.for_owner(alice).going_cold(NOW))

    for first in (1, 3, 6, 10):
        assert list(Contact.objects.for_owner(alice).going_cold(NOW, first=first)) == everyone[:first]


def test_going_cold_never_shows_another_users_contacts(alice, bob):
    ContactFactory(owner=bob, stage=Stage.ALLY, last_contacted_at=NOW - timedelta(days=400))

    assert not Contact.objects.for_owner(alice).going_cold(NOW).exists()
    assert list(Contact.objects.for_owner(alice).going_cold(NOW, first=6)) == []


def test_going_cold_uses_the_cadences_of_the_owner_it_was_scoped_to(alice, bob):
    alice.cadence_ally_days = 30
    alice.save()
    bob.cadence_ally_days = 90
    bob.save()
    ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - timedelta(days=45))
    ContactFactory(owner=bob, stage=Stage.ALLY, last_contacted_at=NOW - timedelta(days=45))

    assert Contact.objects.for_owner(alice).filter(stage=Stage.ALLY).going_cold(NOW).count() == 1
    assert Contact.objects.for_owner(bob).filter(stage=Stage.ALLY).going_cold(NOW).count() == 0


def test_going_cold_must_start_from_for_owner():
    with pytest.raises(TypeError, match="for_owner"):
        Contact.objects.going_cold(NOW)


def test_the_batch_form_equals_each_owners_going_cold(alice, bob, network):
    """``going_cold_for_owners()`` (the weekly digest's one query) agrees with ``going_cold(first=)``."""
    bob.cadence_ally_days, bob.cadence_in_touch_days, bob.cadence_acquaintance_days = 10, None, 200
    bob.save()
    for days, stage, cadence in [
        (400, Stage.ACQUAINTANCE, None),
        (150, Stage.ACQUAINTANCE, None),
        (90, Stage.IN_TOUCH, None),  # bob has no in-touch cadence: never cold
        (90, Stage.IN_TOUCH, 30),
        (11, Stage.ALLY, None),
        (12, Stage.ALLY, None),
        (5, Stage.ALLY, None),
        (40, Stage.WANT_TO_MEET, 20),
    ]:
        ContactFactory(owner=bob, stage=stage, cadence_days=cadence, last_contacted_at=NOW - timedelta(days=days))
    carol = type(alice).objects.create_user("carol", "carol@example.com", "x")  # defaults, nobody in her network
    users = [alice, bob, carol]

    for first in (1, 3, 6, 50):
        batch = list(Contact.objects.going_cold_for_owners(users, NOW, first=first))
        for user in users:
            assert [c for c in batch if c.owner_id == user.pk] == list(
                Contact.objects.for_owner(user).going_cold(NOW, first=first)
            )
    everyone = list(Contact.objects.going_cold_for_owners(users, NOW))
    for user in users:
        assert [c for c in everyone if c.owner_id == user.pk] == list(Contact.objects.for_owner(user).going_cold(NOW))
    assert len(Contact.objects.going_cold_for_owners([bob], NOW, first=50)) == 5
