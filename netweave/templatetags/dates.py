"""``|date_as``: a date in one of netweave's named shapes (``netweave.dates.FORMATS``)."""

from __future__ import annotations

from datetime import date

from django import template

from netweave.dates import FORMATS, spell

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def date_as(value: date | str | None, shape: str) -> str:
    """``{{ meeting.starts_at|date_as:"day_time" }}``: in the active time zone, like ``|date``.

    An unknown shape is a mistake in the template, so it raises rather than printing nothing.
    """
    return spell(value, FORMATS[shape])
