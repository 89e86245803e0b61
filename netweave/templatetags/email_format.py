"""Dates and links for email templates, at a fraction of what ``|date`` and ``{% url %}`` cost.

A weekly digest shows some twenty dates and a dozen links, and it is built for every
user every week: Django's ``|date`` (which looks up the active language's names per
call) and ``{% url %}`` (which resolves the route per call) were a third of the time
spent rendering one. Emails are written in English only, so ``|email_date`` spells
the English names itself (``netweave.dates``); any format letter it does not know goes to ``|date``.
"""

from __future__ import annotations

from datetime import date

from django import template

from netweave.dates import spell
from netweave.emails import absolute_reverse

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def email_date(value: date | str | None, pattern: str) -> str:
    """``value|date:pattern`` for the letters ``netweave.dates`` spells; in the active time zone, like ``|date``."""
    return spell(value, pattern)


@register.simple_tag
def absolute_url(viewname: str, argument: int | str) -> str:
    """``{{ site_url }}{% url viewname argument %}``, with the route reversed once per process."""
    return absolute_reverse(viewname, argument)
