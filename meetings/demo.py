"""Demo searches and meetings in every state, written in bulk."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from accounts.models import User
from contacts.models import Contact

from .models import Meeting, MeetingKind, MeetingState, Purpose, Search

BATCH = 5000


def seed_meetings(
    user: User, contacts: list[Contact], *, count: int, now: datetime, rng: random.Random
) -> tuple[list[Search], list[Meeting]]:
    searches = Search.objects.bulk_create(
        [
            Search(
                owner=user,
                title="A project-management role in Albuquerque",
                looking_for="Senior PM or program manager, healthcare or public sector.",
                started_on=(now - timedelta(days=75)).date(),
            ),
            Search(
                owner=user,
                title="Learn what UX research is like",
                looking_for="Is UX research a fit for a PM? What does a week look like?",
                started_on=(now - timedelta(days=400)).date(),
                ended_on=(now - timedelta(days=200)).date(),
                outcome="Decided to stay in project management and take the PMP.",
            ),
        ]
    )
    states = list(MeetingState)
    weights = [8, 10, 12, 50, 6, 8, 6]
    meetings = []
    for i in range(min(count, len(contacts))):
        contact = contacts[(i * 7) % len(contacts)]
        state = states[i % len(states)] if i < len(states) else rng.choices(states, weights)[0]
        meeting = Meeting(
            owner=user,
            contact=contact,
            search=searches[0] if rng.random() < 0.7 else None,
            state=state,
            kind=rng.choice(list(MeetingKind)),
            purpose=rng.choice(list(Purpose)),
            place=rng.choice(("Flying Star Cafe", "Zoom", "Phone", "Their office downtown")),
            duration_minutes=15 if contact.sells_time else rng.choice((20, 20, 30)),
        )
        created = now - timedelta(days=rng.randrange(5, 300))
        if state != MeetingState.IDEA:
            meeting.requested_at = created
        if state in (MeetingState.SCHEDULED, MeetingState.HELD, MeetingState.CANCELLED):
            meeting.scheduled_at = created + timedelta(days=2)
        if state == MeetingState.SCHEDULED:
            meeting.starts_at = (now + timedelta(days=rng.randrange(0, 14))).replace(minute=0, second=0, microsecond=0)
        elif state in (MeetingState.HELD, MeetingState.CANCELLED):
            meeting.starts_at = created + timedelta(days=rng.randrange(3, 10))
        if state == MeetingState.HELD:
            meeting.held_at = meeting.starts_at
            meeting.notes = "Generous with time. Suggested two people to talk to.\nFollow up in a month."
            meeting.learned = "PMOs here value healthcare experience; PMP matters more than the degree."
        if state in (MeetingState.DECLINED, MeetingState.NO_REPLY, MeetingState.CANCELLED):
            meeting.closed_at = created + timedelta(days=9)
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)

    through = Meeting.suggested_contacts.through
    suggestions = [
        through(meeting_id=meeting.pk, contact_id=contacts[rng.randrange(len(contacts))].pk)
        for meeting in meetings
        if meeting.state == MeetingState.HELD and rng.random() < 0.3
    ]
    through.objects.bulk_create(suggestions, batch_size=BATCH, ignore_conflicts=True)
    return searches, meetings
