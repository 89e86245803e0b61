"""One contact's history: touches, the ledger, meetings and follow-ups, newest first.

Four queries whatever the history holds (one per source), merged in Python. A
meeting contributes one entry per step it reached (requested, scheduled, held,
closed), dated by the step's own timestamp.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.urls import reverse
from django.utils import timezone

from followups.models import FollowUp, FollowUpState
from meetings.models import Meeting, MeetingState

from .models import Channel, Contact, Direction, Interaction, LedgerEntry

# Enough history for a page; an older long tail stays in the admin.
PER_SOURCE = 200


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    kind: str  # touch, gave, received, meeting, followup
    icon: str
    title: str
    detail: str = ""
    url: str = ""
    badge: str = ""
    all_day: bool = False
    # For touches and ledger lines, which can be removed from the contact's page.
    remove_url: str = ""

    def is_upcoming(self, now: datetime) -> bool:
        return self.when > now


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone()).astimezone(UTC)


def _touches(contact: Contact) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=touch.occurred_at,
            kind="touch",
            icon="chat-dots",
            title="Touch" if touch.channel == Channel.OTHER else touch.get_channel_display(),
            detail=touch.note,
            remove_url=reverse("contacts:remove_touch", args=[touch.pk]),
        )
        for touch in Interaction.objects.filter(contact=contact).order_by("-occurred_at", "-id")[:PER_SOURCE]
    ]


def _ledger(contact: Contact) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            when=_start_of(entry.occurred_on),
            kind=entry.direction,
            icon="gift" if entry.direction == Direction.GAVE else "hand-thumbs-up",
            title=f"{'You gave' if entry.direction == Direction.GAVE else 'You received'} "
            f"{entry.get_kind_display().lower()}",
            detail=entry.description,
            all_day=True,
            remove_url=reverse("contacts:remove_exchange", args=[entry.pk]),
        )
        for entry in LedgerEntry.objects.filter(contact=contact).order_by("-occurred_on", "-id")[:PER_SOURCE]
    ]


MEETING_STEPS = (
    ("requested_at", "Asked for a meeting", "send"),
    ("scheduled_at", "Meeting scheduled", "calendar-check"),
    ("held_at", "Meeting held", "cup-hot"),
)
CLOSED_TITLES = {
    MeetingState.DECLINED: "Meeting request declined",
    MeetingState.NO_REPLY: "Meeting request got no reply",
    MeetingState.CANCELLED: "Meeting cancelled",
}


def _meetings(contact: Contact) -> list[TimelineEntry]:
    entries = []
    for meeting in Meeting.objects.filter(contact=contact).order_by("-created_at", "-id")[:PER_SOURCE]:
        kind = meeting.get_kind_display()
        url = meeting.get_absolute_url()
        for field, title, icon in MEETING_STEPS:
            stamp = getattr(meeting, field)
            if stamp is None:
                continue
            detail = ""
            if field == "scheduled_at" and meeting.starts_at:
                detail = f"{kind} on {timezone.localtime(meeting.starts_at):%a %d %b %Y, %H:%M}"
            elif field == "held_at":
                detail = meeting.learned or meeting.notes
            entries.append(
                TimelineEntry(when=stamp, kind="meeting", icon=icon, title=f"{title}: {kind}", detail=detail, url=url)
            )
        if meeting.closed_at and meeting.state in CLOSED_TITLES:
            entries.append(
                TimelineEntry(
                    when=meeting.closed_at, kind="meeting", icon="x-circle", title=CLOSED_TITLES[meeting.state], url=url
                )
            )
        if meeting.state == MeetingState.SCHEDULED and meeting.starts_at:
            entries.append(
                TimelineEntry(
                    when=meeting.starts_at,
                    kind="meeting",
                    icon="calendar-event",
                    title=f"{kind} planned",
                    url=url,
                    detail=meeting.place,
                    badge="Upcoming",
                )
            )
        if meeting.state == MeetingState.IDEA:
            entries.append(
                TimelineEntry(when=meeting.created_at, kind="meeting", icon="lightbulb", title=f"Idea: {kind}", url=url)
            )
    return entries


def _followups(contact: Contact) -> list[TimelineEntry]:
    entries = []
    for followup in FollowUp.objects.filter(contact=contact).order_by("-due_on", "-id")[:PER_SOURCE]:
        if followup.state == FollowUpState.DONE and followup.done_at:
            entries.append(
                TimelineEntry(
                    when=followup.done_at, kind="followup", icon="check2-circle", title=f"Done: {followup.title}"
                )
            )
        elif followup.state in (FollowUpState.OPEN, FollowUpState.PROPOSED):
            entries.append(
                TimelineEntry(
                    when=_start_of(followup.due_on),
                    kind="followup",
                    icon="check2-square",
                    title=followup.title,
                    badge=f"Due {followup.due_on:%d %b}",
                    all_day=True,
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    when=_start_of(followup.due_on),
                    kind="followup",
                    icon="dash-circle",
                    title=f"Skipped: {followup.title}",
                    all_day=True,
                )
            )
    return entries


def contact_timeline(contact: Contact) -> list[TimelineEntry]:
    """Everything that happened with ``contact``, newest first, in four queries."""
    entries = _touches(contact) + _ledger(contact) + _meetings(contact) + _followups(contact)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
