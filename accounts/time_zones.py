"""The time-zone picker: about sixty common zones by region, with readable labels.

The full IANA list (about 600 names, "America/Argentina/ComodRivadavia" among them)
is still what a stored value is checked against, so any valid zone a user already
has, or sends, stays accepted and shown.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone

# Region -> zones, west to east within a region when read by offset.
COMMON_ZONES: dict[str, tuple[str, ...]] = {
    "Americas": (
        "Pacific/Honolulu",
        "America/Anchorage",
        "America/Los_Angeles",
        "America/Vancouver",
        "America/Phoenix",
        "America/Denver",
        "America/Chicago",
        "America/Mexico_City",
        "America/Toronto",
        "America/New_York",
        "America/Bogota",
        "America/Lima",
        "America/Caracas",
        "America/Halifax",
        "America/Santiago",
        "America/St_Johns",
        "America/Sao_Paulo",
        "America/Argentina/Buenos_Aires",
    ),
    "Europe": (
        "Europe/Lisbon",
        "Europe/London",
        "Europe/Dublin",
        "Europe/Amsterdam",
        "Europe/Berlin",
        "Europe/Brussels",
        "Europe/Copenhagen",
        "Europe/Madrid",
        "Europe/Oslo",
        "Europe/Paris",
        "Europe/Prague",
        "Europe/Rome",
        "Europe/Stockholm",
        "Europe/Vienna",
        "Europe/Warsaw",
        "Europe/Zurich",
        "Europe/Athens",
        "Europe/Helsinki",
        "Europe/Kyiv",
        "Europe/Istanbul",
        "Europe/Moscow",
    ),
    "Africa and the Middle East": (
        "Africa/Casablanca",
        "Africa/Accra",
        "Africa/Lagos",
        "Africa/Cairo",
        "Africa/Johannesburg",
        "Asia/Jerusalem",
        "Africa/Nairobi",
        "Asia/Riyadh",
        "Asia/Tehran",
        "Asia/Dubai",
    ),
    "Asia": (
        "Asia/Karachi",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Asia/Dhaka",
        "Asia/Bangkok",
        "Asia/Ho_Chi_Minh",
        "Asia/Jakarta",
        "Asia/Hong_Kong",
        "Asia/Kuala_Lumpur",
        "Asia/Manila",
        "Asia/Shanghai",
        "Asia/Singapore",
        "Asia/Taipei",
        "Asia/Seoul",
        "Asia/Tokyo",
    ),
    "Australia and the Pacific": (
        "Australia/Perth",
        "Australia/Darwin",
        "Australia/Adelaide",
        "Australia/Brisbane",
        "Australia/Melbourne",
        "Australia/Sydney",
        "Pacific/Auckland",
        "Pacific/Fiji",
    ),
}
DEFAULT_ZONE = "UTC"


def offset_label(name: str, *, at: datetime | None = None) -> str:
    """'UTC+9', 'UTC+5:30', 'UTC-3' for ``name`` at ``at`` (now: summer time shows as it is today)."""
    offset = (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset else 0
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "") if minutes else "UTC"


def zone_label(name: str, *, at: datetime | None = None) -> str:
    """'Asia/Tokyo' -> 'Tokyo (UTC+9)'; 'America/Argentina/Buenos_Aires' -> 'Buenos Aires (UTC-3)'."""
    if name == DEFAULT_ZONE:
        return "UTC (Coordinated Universal Time)"
    city = name.rsplit("/", 1)[-1].replace("_", " ")
    return f"{city} ({offset_label(name, at=at)})"


def _offset_minutes(name: str, at: datetime) -> float:
    offset = at.astimezone(zoneinfo.ZoneInfo(name)).utcoffset()
    return offset.total_seconds() / 60 if offset else 0


def time_zone_choices(current: str = "", *, at: datetime | None = None) -> list:
    """Grouped choices for a select: UTC, any stored zone outside the list, then each region by offset."""
    at = at or timezone.now()
    available = zoneinfo.available_timezones()
    listed = {name for zones in COMMON_ZONES.values() for name in zones}
    choices: list = [(DEFAULT_ZONE, zone_label(DEFAULT_ZONE))]
    if current and current != DEFAULT_ZONE and current not in listed and current in available:
        choices.append(
            ("Your current zone", [(current, f"{current.replace('_', ' ')} ({offset_label(current, at=at)})")])
        )
    for region, zones in COMMON_ZONES.items():
        present = sorted((z for z in zones if z in available), key=lambda z: (_offset_minutes(z, at), zone_label(z)))
        choices.append((region, [(name, zone_label(name, at=at)) for name in present]))
    return choices


class TimeZoneField(forms.ChoiceField):
    """Shows the curated list; accepts any valid IANA zone (an API client's, an old value)."""

    def valid_value(self, value: str) -> bool:
        return value in zoneinfo.available_timezones()
