"""``|date_as``: a date in one of netweave's named shapes (``netweave.dates.FORMATS``); ``|ago``: how long ago."""

from __future__ import annotations

from datetime import date, datetime

from django import template

from netweave.dates import FORMATS, spell
from netweave.dates import ago as _ago

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date_as(value: date | str | None, shape: str) -> str:
    """``{{ meeting.starts_at|date_as:"day_time" }}``: in the active time zone, like ``|date``.

    An unknown shape is a mistake in the template, so it raises rather than printing nothing.
    """
    return spell(value, FORMATS[shape])


@register.filter
def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """``{{ meeting.requested_at|ago:now }}``: "just now", "3 days ago" (``netweave.dates.ago``)."""
    return _ago(moment, now)
