"""Scheduled meetings as iCalendar, for a one-off download or a subscribed feed."""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.urls import reverse
from icalendar import Calendar, Event

from accounts.models import User

from .models import Meeting


def user_zone(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def meeting_event(meeting: Meeting, *, zone: zoneinfo.ZoneInfo, stamp: datetime) -> Event:
    event = Event()
    # A stable UID lets a subscribed calendar update the event when the meeting moves.
    event.add("uid", f"meeting-{meeting.pk}@netweave")
    event.add("dtstamp", stamp)
    event.add("summary", str(meeting))
    starts_at, ends_at = meeting.starts_at, meeting.ends_at
    if starts_at is None or ends_at is None:
        raise ValueError(f"Meeting #{meeting.pk} has no time yet, so it is no calendar event.")
    event.add("dtstart", starts_at.astimezone(zone))
    event.add("dtend", ends_at.astimezone(zone))
    if meeting.place:
        event.add("location", meeting.place)
    url = settings.SITE_URL + reverse("meetings:prep", args=[meeting.pk])
    event.add("description", f"{meeting.get_purpose_display()}.\nPrep sheet: {url}")
    event.add("url", url)
    return event


def meetings_calendar(meetings: Iterable[Meeting], *, user: User, name: str, stamp: datetime) -> bytes:
    """An iCalendar document with one event per meeting, times in the user's time zone."""
    zone = user_zone(user)
    calendar = Calendar()
    calendar.add("prodid", "-//netweave//meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", zone.key)
    for meeting in meetings:
        if meeting.starts_at is not None:
            calendar.add_component(meeting_event(meeting, zone=zone, stamp=stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
