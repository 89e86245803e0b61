"""An outcome report reads like a note a person wrote: a natural lead, a short list of thanks, nothing said twice."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import NOW
from contacts.models import Direction, LedgerKind
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from followups import services
from followups.drafts import outcome_phrase, search_purpose
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

pytestmark = pytest.mark.usefixtures("frozen")

HELD = NOW - dt.timedelta(days=20)  # Thursday 12 February


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Learn what UX research is like", "to learn what UX research is like"),
        ("Find a PM job in Denver", "to find a PM job in Denver"),
        ("Move to Berlin", "to move to Berlin"),
        ("Senior PM role", "for the senior PM role"),
        ("Product roles at health-tech companies", "for product roles at health-tech companies"),
        ("A project-management role in Albuquerque", "for a project-management role in Albuquerque"),
        ("Change management roles", "for change management roles"),
        ("My move to Berlin", "for my move to Berlin"),
    ],
)
def test_the_search_reads_as_what_it_was_for(title, expected):
    assert search_purpose(title) == expected


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("Decided to stay in project management.", "decided to stay in project management."),
        ("Accepted a job at Acme", "accepted a job at Acme."),
        ("I accepted a job at Acme", "I accepted a job at Acme."),
        ("PMI hired me!", "PMI hired me!"),
        ("Acme made me an offer", "Acme made me an offer."),
        ("Acme's offer, accepted", "Acme's offer, accepted."),
    ],
)
def test_the_outcome_continues_the_sentence_and_names_keep_their_capital(outcome, expected):
    assert outcome_phrase(outcome, names={"Acme"}) == expected


@pytest.mark.parametrize(
    ("reasons", "expected"),
    [
        (["meeting with me"], "Thanks again for meeting with me."),
        (["a", "b", "c"], "Thanks again for a, for b and for c."),
        (["a", "b", "c", "d"], "Thanks again for a, for b, for c and for everything else."),
        (["a", "b", "c", "d", "e"], "Thanks again for a, for b, for c and for everything else."),
        (["a", "a", "b"], "Thanks again for a and for b."),
    ],
)
def test_the_thanks_name_three_things_at_most(reasons, expected):
    assert services.thanks_line(reasons) == expected


@pytest.fixture
def search(alice):
    ContactFactory(owner=alice, given_name="Gail", family_name="Ivers", company="Globex Corp")
    return SearchFactory(
        owner=alice,
        title="Learn what UX research is like",
        started_on=dt.date(2026, 1, 5),
        ended_on=dt.date(2026, 3, 4),
        outcome="Decided to stay in project management and take the PMP.",
    )


def gave(contact, kind, description, day):
    LedgerEntryFactory(
        owner=contact.owner,
        contact=contact,
        direction=Direction.RECEIVED,
        kind=kind,
        occurred_on=dt.date(2026, 2, day),
        description=description,
    )


@pytest.fixture
def ken(alice, search):
    """Someone met during the search."""
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Ng")
    MeetingFactory(owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=HELD)
    return ken


def report_to(search, contact):
    return next(r for r in services.search_closed(search) if r.contact == contact)


@pytest.mark.django_db
def test_the_lead_says_what_the_search_was_for_and_how_it_ended(search, ken):

    message = report_to(search, ken).message

    assert (
        "tell you how my search to learn what UX research is like turned out: "
        "decided to stay in project management and take the PMP.\n"
    ) in message
    assert "(" not in message


@pytest.mark.django_db
def test_someone_who_gave_a_lot_is_thanked_for_the_meeting_first_and_three_things_in_all(alice, search, ken):
    for day, kind, description in (
        (1, LedgerKind.ADVICE, "Coffee and advice on the PMP"),
        (2, LedgerKind.INTRODUCTION, "Intro to a recruiter at Globex"),
        (3, LedgerKind.RESOURCE, "Article on agile PMOs"),
        (4, LedgerKind.INTRODUCTION, ""),
        (5, LedgerKind.RECOMMENDATION, "LinkedIn recommendation"),
    ):
        gave(ken, kind, description, day)

    message = report_to(search, ken).message

    assert (
        "Thanks again for meeting with me on Thursday 12 February, for the coffee and advice on the PMP, "
        "for the intro to a recruiter at Globex and for everything else. It meant a lot to me."
    ) in message
    assert message.count(" for ") <= 5


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(LedgerKind))
def test_no_draft_says_the_same_thing_twice(alice, search, kind):
    rita = ContactFactory(owner=alice, given_name="Rita", family_name="Reyes")
    gave(rita, kind, "", 1)
    mentor = ContactFactory(owner=alice, given_name="Mona", family_name="Mentor")
    search.contacts.add(mentor)

    for contact in (rita, mentor):
        message = report_to(search, contact).message
        words = re.findall(r"[a-z]+", message.lower())
        for word in ("help", "favour", "support", "difference"):
            assert words.count(word) <= 1, (word, message)
