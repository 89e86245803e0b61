"""Dates and links for email templates, at a fraction of what ``|date`` and ``{% url %}`` cost.

A weekly digest shows some twenty dates and a dozen links, and it is built for every
user every week: Django's ``|date`` (which looks up the active language's names per
call) and ``{% url %}`` (which resolves the route per call) were a third of the time
spent rendering one. Emails are written in English only, so ``|email_date`` spells
the English names itself; any format letter it does not know goes to ``|date``.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as django_date

from netweave.emails import absolute_reverse

register = template.Library()

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

# The format letters of ``|date`` that emails use, as Django spells them in English.
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


@register.filter(expects_localtime=True, is_safe=False)
def email_date(value: date | str | None, pattern: str) -> str:
    """``value|date:pattern`` for the letters in ``_LETTERS``; in the active time zone, like ``|date``."""
    if value in (None, ""):
        return ""
    unknown = any(c.isalpha() and c not in _LETTERS for c in pattern) or "\\" in pattern
    time_of_a_date = not isinstance(value, datetime) and _TIME_LETTERS.intersection(pattern)
    if not isinstance(value, date) or unknown or time_of_a_date:
        return django_date(value, pattern)  # its output, or its error
    return "".join(_LETTERS[c](value) if c in _LETTERS else c for c in pattern)


@register.simple_tag
def absolute_url(viewname: str, argument: int | str) -> str:
    """``{{ site_url }}{% url viewname argument %}``, with the route reversed once per process."""
    return absolute_reverse(viewname, argument)
