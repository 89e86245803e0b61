"""The meetings list's table rows, built in Python.

A page of 50 rows as template markup (a ``{% url %}``-like ``get_absolute_url``, three
date filters, a ``timesince`` and an ``{% include %}`` of the state badge per row) cost
more than every query of the page for a user with thousands of meetings; plain string
building with ``html.escape`` on every text value costs a fraction, as for the
contact list's rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo
from html import escape

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from meetings.models import Meeting, MeetingKind, MeetingState, Purpose
from netweave.dates import ago

register = template.Library()

# The same colours as meetings/_state_badge.html; the label always says the state too.
STATE_BADGES: dict[str, str] = {
    MeetingState.SCHEDULED: "text-bg-primary",
    MeetingState.HELD: "text-bg-success",
    MeetingState.REQUESTED: "text-bg-warning",
    MeetingState.IDEA: "text-bg-info",
}


@register.simple_tag
def meeting_rows(meetings: Iterable[Meeting], now: datetime) -> SafeString:
    """Every ``<tr>`` of the page; ``meetings`` come from ``MeetingQuerySet.for_list()``.

    A meeting's page is ``<list_url><pk>/`` (the tests hold it to the URLconf).
    """
    labels = Labels()
    list_url = reverse("meetings:list")
    return mark_safe("\n".join(meeting_row(m, now, list_url, labels) for m in meetings))  # noqa: S308 - escaped rows


class Labels:
    """The choices' labels, translated and escaped once per page rather than three times a row."""

    def __init__(self) -> None:
        self.kinds = {value: escape(str(label)) for value, label in MeetingKind.choices}
        self.purposes = {value: escape(str(label)) for value, label in Purpose.choices}
        self.states = {value: escape(str(label)) for value, label in MeetingState.choices}
        self.zone = timezone.get_current_timezone()


def _when(meeting: Meeting, now: datetime, zone: tzinfo) -> str:
    # The dates as the template's "D j M Y", "H:i" and "j M" wrote them (the app is in English).
    if meeting.state == MeetingState.REQUESTED:
        if not meeting.requested_at:
            return "asked"
        asked = meeting.requested_at.astimezone(zone)
        return f'asked {asked.day} {asked:%b}<div class="small nw-muted">{ago(meeting.requested_at, now)}</div>'
    if meeting.starts_at:
        starts = meeting.starts_at.astimezone(zone)
        return (
            f"{starts:%a} {starts.day} {starts:%b %Y}"
            f'<div class="small nw-muted">{starts:%H:%M} · {meeting.duration_minutes} min</div>'
        )
    return '<span class="nw-muted">not set</span>'


def meeting_row(meeting: Meeting, now: datetime, list_url: str, labels: Labels) -> str:
    """One ``<tr>``: who (kind, company, search), when, purpose and state."""
    contact = meeting.contact
    about = labels.kinds.get(meeting.kind, escape(meeting.kind))
    if contact.company:
        about += f" · {escape(contact.company)}"
    if meeting.search:
        about += f" · {escape(meeting.search.title)}"
    pill = f"badge rounded-pill {STATE_BADGES.get(meeting.state, 'text-bg-secondary')}"
    state = labels.states.get(meeting.state, escape(meeting.state))
    # On a phone the state column gives way (the table would scroll sideways) and the badge
    # sits under the name instead.
    return (
        "<tr>"
        f'<td><a class="fw-semibold" href="{list_url}{meeting.pk}/">{escape(contact.full_name)}</a>'
        f'<div class="small nw-muted">{about}</div>'
        f'<span class="{pill} d-sm-none">{state}</span></td>'
        f'<td class="text-nowrap">{_when(meeting, now, labels.zone)}</td>'
        f'<td class="d-none d-md-table-cell">{labels.purposes.get(meeting.purpose, escape(meeting.purpose))}</td>'
        f'<td class="d-none d-sm-table-cell"><span class="{pill}">{state}</span></td>'
        "</tr>"
    )
