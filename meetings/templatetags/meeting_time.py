"""How long ago a step happened, in words: "just now", "3 days ago"."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils.timesince import timesince

register = template.Library()


@register.filter
def ago(moment: datetime | None, now: datetime) -> str:
    """``moment`` as seen from ``now``: "just now" under a minute (timesince says "0 minutes")."""
    if moment is None:
        return ""
    if now - moment < timedelta(minutes=1):
        return "just now"
    return f"{timesince(moment, now)} ago"
