"""The rules that create follow-ups, called explicitly by the services that change state.

Contract (the meetings app calls these; this app implements them):
- ``meeting_scheduled(meeting)``: a meeting moved to scheduled.
- ``meeting_held(meeting)``: a meeting was marked held.
- ``promise_made(meeting, text=..., due_on=...)``: a promise captured after a meeting.
- ``search_closed(search)``: a search was closed with an outcome.
Each is idempotent: calling it twice never creates a second follow-up.
"""

from __future__ import annotations

from datetime import date

from meetings.models import Meeting, Search

from .models import FollowUp


def meeting_scheduled(meeting: Meeting) -> list[FollowUp]:
    """Thank the referrer (if the contact was introduced by someone): due now."""
    return []


def meeting_held(meeting: Meeting) -> list[FollowUp]:
    """A thank-you due after the owner's delay, and a second thank-you to the referrer."""
    return []


def promise_made(meeting: Meeting, *, text: str, due_on: date) -> FollowUp | None:
    """Each promise made in a meeting becomes a follow-up due when the user says."""
    return None


def search_closed(search: Search) -> list[FollowUp]:
    """Propose an outcome report for everyone who helped during the search, for review."""
    return []
