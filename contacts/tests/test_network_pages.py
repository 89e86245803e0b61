"""Going cold, people you owe, and likely duplicates."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from conftest import NOW
from contacts.models import Contact, Direction, Stage
from contacts.tests.factories import ContactFactory, LedgerEntryFactory, grow_network

pytestmark = pytest.mark.django_db


def contacted(owner, days_ago: int, **fields) -> Contact:
    contact = ContactFactory(owner=owner, **fields)
    contact.last_contacted_at = NOW - dt.timedelta(days=days_ago)
    contact.save()
    return contact


@time_machine.travel(NOW, tick=False)
def test_going_cold_lists_lapsed_cadences_most_overdue_first(alice_client, alice, django_assert_max_num_queries):
    alice.cadence_ally_days = 30
    alice.save()
    ally = contacted(alice, 45, stage=Stage.ALLY, given_name="Ally")  # 15 days over
    acquaintance = contacted(alice, 200, stage=Stage.ACQUAINTANCE, given_name="Acq")  # 80 days over (120)
    contacted(alice, 10, stage=Stage.ALLY, given_name="Warm")
    contacted(alice, 100, stage=Stage.ALLY, given_name="Custom", cadence_days=365)  # own cadence, not due
    contacted(alice, 400, stage=Stage.WANT_TO_MEET, given_name="Stranger")  # no cadence for this stage
    ContactFactory(owner=alice, stage=Stage.ALLY, given_name="Never")  # never contacted: no clock

    # session, user, count, the page, its tags, never-contacted count: 6.
    with django_assert_max_num_queries(6):
        response = alice_client.get(reverse("contacts:going_cold"))

    assert list(response.context["contacts"]) == [acquaintance, ally]
    assert response.context["never_contacted"] == 1
    assert "you have" in response.content.decode() and "never contacted" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_freshly_imported_network_is_not_going_cold(alice):
    grow_network(alice, 200, stage=Stage.ALLY)

    assert not Contact.objects.for_owner(alice).going_cold(NOW).exists()


@time_machine.travel(NOW, tick=False)
def test_a_touch_takes_a_contact_off_the_going_cold_list(alice_client, alice):
    ally = contacted(alice, 45, stage=Stage.ALLY)
    alice_client.post(
        reverse("contacts:log_touch", args=[ally.pk]), {"occurred_at": "2026-03-04T09:00", "channel": "call"}
    )

    assert not Contact.objects.for_owner(alice).going_cold(NOW).exists()


def test_people_you_owe_lists_those_who_gave_more_biggest_debt_first(
    alice_client, alice, django_assert_max_num_queries
):
    small, big, even = (ContactFactory(owner=alice, given_name=n) for n in ("Small", "Big", "Even"))
    LedgerEntryFactory(owner=alice, contact=small, direction=Direction.RECEIVED)
    LedgerEntryFactory.create_batch(3, owner=alice, contact=big, direction=Direction.RECEIVED)
    LedgerEntryFactory(owner=alice, contact=big, direction=Direction.GAVE)
    LedgerEntryFactory(owner=alice, contact=even, direction=Direction.RECEIVED)
    LedgerEntryFactory(owner=alice, contact=even, direction=Direction.GAVE)

    # session, user, count, the page: 4.
    with django_assert_max_num_queries(4):
        response = alice_client.get(reverse("contacts:owed"))

    rows = [(c.given_name, c.given_count, c.received_count, c.owed_count) for c in response.context["contacts"]]
    assert rows == [("Big", 1, 3, 2), ("Small", 0, 1, 1)]


def ledger_scans(plan: dict) -> list[dict]:
    found = [plan] if plan.get("Relation Name") == "contacts_ledgerentry" else []
    for child in plan.get("Plans", []):
        found += ledger_scans(child)
    return found


def test_people_you_owe_are_found_in_the_owners_own_ledger_only(alice, bob):
    mine = ContactFactory(owner=alice)
    LedgerEntryFactory(owner=alice, contact=mine, direction=Direction.RECEIVED)
    for _ in range(5):
        LedgerEntryFactory(owner=bob, contact=ContactFactory(owner=bob), direction=Direction.RECEIVED)
    owed = Contact.objects.for_owner(alice).owed()

    sql, params = owed.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()[0]

    # Every read of the ledger is narrowed to one network or one person: none reads them all
    # (it did: "everyone who ever received anything", in every network, on every visit).
    scans = ledger_scans(plan["Plan"])
    assert scans
    for scan in scans:
        conditions = " ".join(scan.get(key, "") for key in ("Filter", "Index Cond", "Recheck Cond"))
        assert "owner_id" in conditions or "contact_id" in conditions, scan
    assert list(owed) == [mine]
    with pytest.raises(TypeError, match="for_owner"):
        Contact.objects.owed()


def test_duplicates_are_found_by_email_linkedin_and_name_at_company(
    alice_client, alice, bob, django_assert_max_num_queries
):
    a1 = ContactFactory(owner=alice, given_name="Ann", family_name="Lee", emails=["ann@x.example"], company="A")
    a2 = ContactFactory(owner=alice, given_name="Annie", family_name="Lee", emails=["ANN@x.example"], company="B")
    l1 = ContactFactory(owner=alice, given_name="Raj", family_name="P", linkedin_url="https://www.linkedin.com/in/raj/")
    l2 = ContactFactory(owner=alice, given_name="R", family_name="Patel", linkedin_url="http://linkedin.com/in/raj")
    n1 = ContactFactory(owner=alice, given_name="José", family_name="Núñez", company="Acme", emails=[])
    n2 = ContactFactory(owner=alice, given_name="Jose", family_name="Nunez", company="ACME", emails=[])
    ContactFactory(owner=alice, given_name="Jose", family_name="Nunez", company="Globex", emails=[])
    ContactFactory(owner=bob, given_name="Ann", family_name="Lee", emails=["ann@x.example"])

    # session, user, the grouping query, the contacts with their counts, the pairs told apart: 5.
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("contacts:duplicates"))

    found = {(tuple(c.pk for c in group.contacts), tuple(group.reasons)) for group in response.context["groups"]}
    assert found == {
        ((a1.pk, a2.pk), ("Same email",)),
        ((l1.pk, l2.pk), ("Same LinkedIn profile",)),
        ((n1.pk, n2.pk), ("Same name and company",)),
    }
    assert reverse("contacts:merge", args=[a1.pk, a2.pk]) in response.content.decode()


def test_the_network_pages_show_nothing_of_bobs(alice, bob_client):
    ContactFactory(owner=alice, given_name="Ann", emails=["ann@x.example"])
    ContactFactory(owner=alice, given_name="Ann", emails=["ann@x.example"])
    for name in ("contacts:going_cold", "contacts:owed", "contacts:duplicates"):
        response = bob_client.get(reverse(name))
        assert response.status_code == 200
        assert "Ann" not in response.content.decode()
