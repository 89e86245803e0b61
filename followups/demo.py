"""Demo follow-ups of every kind and state, written in bulk."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from accounts.models import User
from contacts.models import Contact
from meetings.models import Meeting, MeetingState

from .models import FollowUp, FollowUpKind, FollowUpState

BATCH = 5000
TITLES = {
    FollowUpKind.THANK_YOU: "Send a thank-you note to {name}",
    FollowUpKind.THANK_REFERRER: "Thank {name} for the introduction",
    FollowUpKind.PROMISE: "Send {name} my resume, as promised",
    FollowUpKind.OUTCOME_REPORT: "Tell {name} how the search ended",
    FollowUpKind.REPLY_NUDGE: "Nudge {name} about the meeting request",
    FollowUpKind.KEEP_IN_TOUCH: "Keep in touch with {name}",
}


def seed_followups(
    user: User, contacts: list[Contact], meetings: list[Meeting], *, count: int, now: datetime, rng: random.Random
) -> list[FollowUp]:
    today = now.date()
    held = [m for m in meetings if m.state == MeetingState.HELD]
    kinds = list(FollowUpKind)
    states = [FollowUpState.OPEN, FollowUpState.OPEN, FollowUpState.OPEN, FollowUpState.DONE, FollowUpState.SKIPPED]
    followups = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        meeting = held[i % len(held)] if held and kind in (FollowUpKind.THANK_YOU, FollowUpKind.PROMISE) else None
        contact = meeting.contact if meeting else contacts[(i * 13) % len(contacts)]
        state = states[i % len(states)]
        if kind == FollowUpKind.OUTCOME_REPORT and i % 2:
            state = FollowUpState.PROPOSED
        due_on = today + timedelta(days=rng.randrange(-20, 15))
        followup = FollowUp(
            owner=user,
            contact=contact,
            meeting=meeting,
            kind=kind,
            title=TITLES[kind].format(name=contact.full_name),
            due_on=due_on,
            state=state,
            snoozed_until=today + timedelta(days=3) if state == FollowUpState.OPEN and i % 11 == 0 else None,
            done_at=now - timedelta(days=rng.randrange(0, 30)) if state == FollowUpState.DONE else None,
            message=f"Dear {contact.call_them},\n\nThank you again for your time.\n\n{user.name_for_letters}",
        )
        followups.append(followup)
    FollowUp.objects.bulk_create(followups, batch_size=BATCH)
    return followups
