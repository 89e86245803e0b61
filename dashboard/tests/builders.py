"""A small but complete network for one owner, to test the dashboard pages at two sizes."""

from __future__ import annotations

from datetime import timedelta

from conftest import NOW
from contacts.models import Contact, Direction, Source, Stage
from contacts.tests.factories import ContactFactory, ContactLinkFactory, LedgerEntryFactory
from followups.models import FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory


def build_network(owner, *, size: int) -> dict:
    """``size`` of everything: contacts in a chain of introductions, meetings, follow-ups."""
    search = SearchFactory(owner=owner, title="A product role at Acme")
    contacts: list[Contact] = []
    for i in range(size):
        contacts.append(
            ContactFactory(
                owner=owner,
                given_name=f"Person{i}",
                family_name="Example",
                company="Acme Corp" if i % 2 else "Globex",
                source=Source.LINKEDIN if i % 3 else Source.ALUMNI,
                stage=Stage.WANT_TO_MEET if i % 4 == 3 else Stage.IN_TOUCH,
                introduced_by=contacts[i - 1] if i and i % 2 else None,
                last_contacted_at=NOW - timedelta(days=70 + i),
            )
        )
    for i in range(0, size - 2, 3):
        ContactLinkFactory(owner=owner, person=contacts[i], knows=contacts[i + 2])
    for i, contact in enumerate(contacts):
        MeetingFactory(
            owner=owner,
            contact=contact,
            search=search,
            state=MeetingState.HELD,
            requested_at=NOW - timedelta(days=20 + i % 50),
            scheduled_at=NOW - timedelta(days=15 + i % 50),
            starts_at=NOW - timedelta(days=10 + i % 50),
            held_at=NOW - timedelta(days=10 + i % 50),
        )
        MeetingFactory(
            owner=owner,
            contact=contact,
            state=MeetingState.SCHEDULED,
            requested_at=NOW - timedelta(days=3),
            scheduled_at=NOW - timedelta(days=2),
            starts_at=NOW + timedelta(days=1 + i % 5),
        )
        MeetingFactory(owner=owner, contact=contact, state=MeetingState.REQUESTED, requested_at=NOW - timedelta(days=4))
        FollowUpFactory(
            owner=owner,
            contact=contact,
            kind=FollowUpKind.THANK_YOU,
            title=f"Thank {contact.given_name}",
            due_on=(NOW - timedelta(days=i % 3)).date(),
            message=f"Dear {contact.given_name},\n\nThank you for your time.",
        )
        FollowUpFactory(
            owner=owner,
            contact=contact,
            search=search,
            kind=FollowUpKind.OUTCOME_REPORT,
            title=f"Tell {contact.given_name} how it ended",
            state=FollowUpState.PROPOSED,
            due_on=NOW.date(),
        )
        LedgerEntryFactory(
            owner=owner,
            contact=contact,
            direction=Direction.GAVE if i % 2 else Direction.RECEIVED,
            occurred_on=(NOW - timedelta(days=5)).date(),
        )
    return {"search": search, "contacts": contacts}
