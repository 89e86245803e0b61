"""A contact's follow-ups as timeline entries: done, due or skipped."""

from __future__ import annotations

from contacts.models import Contact
from contacts.timeline import PER_SOURCE, TimelineEntry, start_of
from netweave.dates import formatted

from .models import FollowUp, FollowUpState


def followup_entries(contact: Contact) -> list[TimelineEntry]:
    """``contact``'s follow-ups in one query: a done one on its day, an open one on its due date."""
    entries = []
    for followup in (
        FollowUp.objects.same_owner_as(contact).filter(contact=contact).order_by("-due_on", "-id")[:PER_SOURCE]
    ):
        if followup.state == FollowUpState.DONE and followup.done_at:
            entries.append(
                TimelineEntry(
                    when=followup.done_at,
                    kind="followup",
                    icon="check2-circle",
                    title=f"Done: {followup.title}",
                    detail=followup.closed_note,
                )
            )
        elif followup.state in (FollowUpState.OPEN, FollowUpState.PROPOSED):
            entries.append(
                TimelineEntry(
                    when=start_of(followup.due_on),
                    kind="followup",
                    icon="check2-square",
                    title=followup.title,
                    badge=f"Due {formatted(followup.due_on, 'day_month')}",
                    all_day=True,
                )
            )
        else:
            entries.append(
                TimelineEntry(
                    when=start_of(followup.due_on),
                    kind="followup",
                    icon="dash-circle",
                    title=f"Skipped: {followup.title}",
                    all_day=True,
                )
            )
    return entries
