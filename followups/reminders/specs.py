"""Each reminder email, declared once: who wants it, when it is due, what it says.

Everything that differs between the daily reminder and the weekly digest is a field
here; the rest of the package asks the spec and never branches on the kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from django.db.models import Q

from ..models import ReminderKind
from .contents import daily_contents, weekly_contents

if TYPE_CHECKING:
    from accounts.models import User


class Contents(Protocol):
    """What a contents builder returns per user."""

    @property
    def is_empty(self) -> bool: ...

    @property
    def item_count(self) -> int: ...


@dataclass(frozen=True)
class ReminderSpec:
    kind: ReminderKind
    # The user's preference that switches this email on.
    enabled_flag: str
    # Given the local moment in one time zone: which of that zone's users are due.
    due: Callable[[datetime], Q]
    # The local day -> the first day of its period (the row's ``period``).
    period: Callable[[date], date]
    # Every user of a batch -> their contents, in a fixed number of queries.
    contents: Callable[[list[User], datetime], Mapping[int, Contents]]
    # emails/<template>_subject.txt, _body.txt and _body.html.
    template: str
    # Nothing to say, nothing sent: the period's row is marked skipped instead.
    skip_when_empty: bool = True

    def wanted(self) -> Q:
        """Users who want this email and can receive it."""
        return Q(**{self.enabled_flag: True}, is_active=True) & ~Q(email="")


def _daily_due(local: datetime) -> Q:
    return Q(daily_reminder_hour__lte=local.hour)


def _weekly_due(local: datetime) -> Q:
    weekday = local.weekday()
    return Q(weekly_digest_weekday__lt=weekday) | Q(weekly_digest_weekday=weekday, weekly_digest_hour__lte=local.hour)


DAILY = ReminderSpec(
    kind=ReminderKind.DAILY,
    enabled_flag="daily_reminder_enabled",
    due=_daily_due,
    period=lambda day: day,
    contents=daily_contents,
    template="daily_reminder",
)

WEEKLY = ReminderSpec(
    kind=ReminderKind.WEEKLY,
    enabled_flag="weekly_digest_enabled",
    due=_weekly_due,
    period=lambda day: day - timedelta(days=day.weekday()),  # the local Monday
    contents=weekly_contents,
    template="weekly_digest",
)

SPECS: dict[str, ReminderSpec] = {spec.kind: spec for spec in (DAILY, WEEKLY)}


def spec_for(kind: str) -> ReminderSpec:
    return SPECS[kind]
