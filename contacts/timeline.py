"""The shape of a contact's timeline, and the entries contacts itself gives it: touches and the ledger.

Each app provides its own entries as a plain function (``meetings.timeline``,
``followups.timeline``); the contact page in ``dashboard`` calls them and merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.urls import reverse
from django.utils import timezone

from netweave.wording import mid_sentence

from .models import Channel, Contact, Direction, Interaction, LedgerEntry, Stage

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


def start_of(day: date) -> datetime:
    """Midnight of ``day`` in the current time zone: where an all-day entry sorts."""
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone()).astimezone(UTC)


def touch_entries(contact: Contact) -> list[TimelineEntry]:
    """The touches logged with ``contact`` (one query)."""
    return [
        TimelineEntry(
            when=touch.occurred_at,
            kind="touch",
            icon="chat-dots",
            title="Touch" if touch.channel == Channel.OTHER else touch.get_channel_display(),
            detail=touch.note,
            badge=f"{Stage(touch.stage_before).label} → {Stage.IN_TOUCH.label}" if touch.stage_before else "",
            remove_url=reverse("contacts:remove_touch", args=[touch.pk]),
        )
        for touch in Interaction.objects.same_owner_as(contact)
        .filter(contact=contact)
        .order_by("-occurred_at", "-id")[:PER_SOURCE]
    ]


def ledger_entries(contact: Contact) -> list[TimelineEntry]:
    """What was given and received with ``contact`` (one query)."""
    return [
        TimelineEntry(
            when=start_of(entry.occurred_on),
            kind=entry.direction,
            icon="gift" if entry.direction == Direction.GAVE else "hand-thumbs-up",
            title=f"{'You gave' if entry.direction == Direction.GAVE else 'You received'} "
            f"{mid_sentence(entry.get_kind_display())}",
            detail=entry.description,
            all_day=True,
            remove_url=reverse("contacts:remove_exchange", args=[entry.pk]),
        )
        for entry in LedgerEntry.objects.same_owner_as(contact)
        .filter(contact=contact)
        .order_by("-occurred_on", "-id")[:PER_SOURCE]
    ]
