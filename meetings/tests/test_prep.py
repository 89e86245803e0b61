"""The printable prep sheet: who they are, the introduction chain, history, balance, questions, offer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Contact, Direction, LedgerEntry
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from meetings import services
from meetings.models import MeetingState
from meetings.prep import MAX_CHAIN, give_get_balance, introduction_chain

from .factories import MeetingFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def chain_of(owner, length: int) -> list[Contact]:
    people: list[Contact] = []
    for i in range(length):
        people.append(ContactFactory(owner=owner, given_name=f"P{i}", introduced_by=people[-1] if people else None))
    return people


def test_the_chain_follows_introductions_up_to_the_first_person(alice, django_assert_max_num_queries):
    people = chain_of(alice, 5)
    last = Contact.objects.get(pk=people[-1].pk)

    # three hops per query: P4 -> P3, P2, P1, then P1 -> P0
    with django_assert_max_num_queries(2):
        chain = introduction_chain(last)

    assert [c.given_name for c in chain] == ["P0", "P1", "P2", "P3", "P4"]


def test_someone_nobody_introduced_is_a_chain_of_one(alice):
    ken = ContactFactory(owner=alice)

    assert introduction_chain(ken) == [ken]


def test_a_cycle_of_introductions_stops_instead_of_looping(alice):
    a, b, c = chain_of(alice, 3)
    Contact.objects.filter(pk=a.pk).update(introduced_by=c)  # c introduced a, who introduced b, who introduced c

    chain = introduction_chain(Contact.objects.get(pk=c.pk))

    assert [p.given_name for p in chain] == ["P0", "P1", "P2"]


def test_a_very_long_chain_is_capped(alice):
    people = chain_of(alice, MAX_CHAIN + 5)

    assert len(introduction_chain(people[-1])) == MAX_CHAIN


def test_the_chain_and_balance_never_reach_into_another_network(alice, bob):
    # Stored behind validation's back: the read must not trust the link.
    ken = ContactFactory(owner=alice, given_name="Ken")
    Contact.objects.filter(pk=ken.pk).update(introduced_by=ContactFactory(owner=bob, given_name="Bea"))
    crossed = LedgerEntryFactory(owner=alice, contact=ken)
    LedgerEntry.objects.filter(pk=crossed.pk).update(owner=bob)

    assert [p.given_name for p in introduction_chain(Contact.objects.get(pk=ken.pk))] == ["Ken"]
    assert give_get_balance(ken).gave == 0


def test_the_balance_counts_what_was_given_and_received(alice):
    ken = ContactFactory(owner=alice)
    LedgerEntryFactory(owner=alice, contact=ken, direction=Direction.GAVE)
    LedgerEntryFactory(owner=alice, contact=ken, direction=Direction.RECEIVED)
    LedgerEntryFactory(owner=alice, contact=ken, direction=Direction.RECEIVED)

    balance = give_get_balance(ken)

    assert (balance.gave, balance.received, balance.leaning) == (1, 2, "you owe them")


def test_the_prep_sheet_has_everything_for_the_meeting(alice, alice_client, django_assert_max_num_queries):
    referrer = ContactFactory(owner=alice, given_name="Alice", family_name="Smith")
    ken = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Watanabe",
        introduced_by=referrer,
        how_i_can_help="Share my notes on PMP prep.",
        notes="Runs the PMI mentoring circle.",
    )
    MeetingFactory(
        owner=alice,
        contact=ken,
        state=MeetingState.HELD,
        starts_at=dt.datetime(2025, 11, 3, 16, tzinfo=dt.UTC),
        notes="Talked about agile PMOs.",
    )
    meeting = MeetingFactory(
        owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=dt.datetime(2026, 3, 10, 15, tzinfo=dt.UTC)
    )
    services.pick_question(meeting, QuestionFactory(owner=alice, text="Who else should I talk to?"))
    LedgerEntryFactory(owner=alice, contact=ken, direction=Direction.GAVE, description="Article on UX research")

    # session, user, meeting+contact+search, picked questions, chain, past meetings, balance, ledger
    with django_assert_max_num_queries(8):
        response = alice_client.get(reverse("meetings:prep", args=[meeting.pk]))

    content = response.content.decode()
    for text in (
        "Runs the PMI mentoring circle.",
        "Alice Smith",
        "Talked about agile PMOs.",
        "Who else should I talk to?",
        "Share my notes on PMP prep.",
        "Article on UX research",
        "you have given more",
        "data-print",
    ):
        assert text in content, text
    assert [c.given_name for c in response.context["chain"]] == ["Alice", "Ken"]


def test_someone_elses_prep_sheet_is_a_404(alice, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice)

    assert_hidden_from_bob(reverse("meetings:prep", args=[meeting.pk]))
