"""A contact's meetings as timeline entries: one per step a meeting reached, dated by the step."""

from __future__ import annotations

from django.utils import timezone

from contacts.models import Contact
from contacts.timeline import PER_SOURCE, TimelineEntry
from netweave.dates import formatted

from .models import Meeting, MeetingState

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


def meeting_entries(contact: Contact) -> list[TimelineEntry]:
    """Requested, scheduled, held, closed, planned or just an idea: ``contact``'s meetings in one query."""
    entries = []
    for meeting in (
        Meeting.objects.same_owner_as(contact).filter(contact=contact).order_by("-created_at", "-id")[:PER_SOURCE]
    ):
        kind = meeting.get_kind_display()
        url = meeting.get_absolute_url()
        for field, title, icon in MEETING_STEPS:
            stamp = getattr(meeting, field)
            if stamp is None:
                continue
            detail = ""
            if field == "scheduled_at" and meeting.starts_at:
                detail = f"{kind} on {formatted(timezone.localtime(meeting.starts_at), 'day_date_time')}"
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
