"""How netweave writes a date for people: the few shapes it uses, named once, every day unpadded.

"Wed 9 Dec", never "Wed 09 Dec". Templates name a shape with ``|date_as:"day"`` (``{% load
dates %}``); Python writes one with ``formatted(value, "day")``, so a message, a timeline
badge and the page around them agree. The shapes are ``|date`` letters, spelled here in
English (the app's only language) at a fraction of what ``|date`` costs per call.

Not for machines: ISO ``datetime`` attributes, form inputs, iCal, CSV and vCard exports and
the API keep their own fixed formats.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.template.defaultfilters import date as django_date
from django.utils import timezone
from django.utils.timesince import timesince

FORMATS: dict[str, str] = {
    "day": "D j M",  # Wed 9 Dec
    "long_day": "l j F",  # Wednesday 9 December
    "day_month": "j M",  # 9 Dec
    "date": "j M Y",  # 9 Dec 2026
    "long_date": "j F Y",  # 9 December 2026
    "day_date": "D j M Y",  # Wed 9 Dec 2026
    "heading_date": "l, j F Y",  # Wednesday, 9 December 2026
    "day_time": "D j M, H:i",  # Wed 9 Dec, 14:30
    "long_day_time": "l j M, H:i",  # Wednesday 9 Dec, 14:30
    "date_time": "j M Y, H:i",  # 9 Dec 2026, 14:30
    "long_date_time": "j F Y, H:i",  # 9 December 2026, 14:30
    "day_date_time": "D j M Y, H:i",  # Wed 9 Dec 2026, 14:30
    "long_day_date_time": "l j F Y, H:i",  # Wednesday 9 December 2026, 14:30
}

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# The ``|date`` letters the shapes use, as Django spells them in English.
_LETTERS = {
    "j": lambda d: str(d.day),
    "D": lambda d: DAYS[d.weekday()][:3],
    "l": lambda d: DAYS[d.weekday()],
    "M": lambda d: MONTHS[d.month - 1][:3],
    "F": lambda d: MONTHS[d.month - 1],
    "Y": lambda d: str(d.year),
    "H": lambda d: f"{d.hour:02d}",
    "i": lambda d: f"{d.minute:02d}",
}
_TIME_LETTERS = frozenset("Hi")


def spell(value: date | str | None, pattern: str) -> str:
    """``value|date:pattern`` for the letters in ``_LETTERS``, ``value`` as it is (no time zone change).

    Any other letter, a time of a plain date, or a value that is not a date goes to ``|date``.
    """
    if value in (None, ""):
        return ""
    unknown = any(c.isalpha() and c not in _LETTERS for c in pattern) or "\\" in pattern
    time_of_a_date = not isinstance(value, datetime) and _TIME_LETTERS.intersection(pattern)
    if not isinstance(value, date) or unknown or time_of_a_date:
        return django_date(value, pattern)  # its output, or its error
    return "".join(_LETTERS[c](value) if c in _LETTERS else c for c in pattern)


def formatted(value: date | None, shape: str) -> str:
    """``value`` in the shape named ``shape`` ("day" -> "Wed 9 Dec"); "" for None.

    An aware datetime is written as it is: convert it to the reader's zone first
    (``timezone.localtime()``), as ``|date_as`` does in a template.
    """
    return spell(value, FORMATS[shape])


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """How long before ``now`` ``moment`` was, in words: "just now" under a minute (where
    ``timesince`` says "0 minutes"), else "3 days ago"; "" for None."""
    if moment is None:
        return ""
    now = now or timezone.now()
    if now - moment < timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, now)} ago"
