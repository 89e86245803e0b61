"""What already happened cannot be in the future: a touch, an exchange, the day you met.

The forms and the API refuse each with the same words, through these. The slack lets
through a clock a few minutes fast, or a device a day ahead of the zone in Preferences.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

MOMENT_SLACK = timedelta(minutes=5)
DAY_SLACK = timedelta(days=1)


def _refuse_future_moment(when: datetime, message: str) -> datetime:
    if when > timezone.now() + MOMENT_SLACK:
        raise ValidationError(message, code="future")
    return when


def _refuse_future_day(day: date, message: str) -> date:
    if day > timezone.localdate() + DAY_SLACK:
        raise ValidationError(message, code="future")
    return day


def past_touch(when: datetime) -> datetime:
    """A logged touch's moment."""
    return _refuse_future_moment(when, "A touch cannot be in the future; plan a meeting instead.")


def past_exchange(day: date) -> date:
    """A give/get entry's day."""
    return _refuse_future_day(day, "Record exchanges that happened, not future ones.")


def past_meeting_day(day: date | None) -> date | None:
    """The day you met someone ("Met on"); blank is fine."""
    if day is None:
        return None
    return _refuse_future_day(day, "You can't have met them in the future; leave it blank until you do.")
