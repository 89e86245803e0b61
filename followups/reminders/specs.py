"""Each reminder email, declared once: who wants it, when it is due, what it says.

Everything that differs between the daily reminder and the weekly digest is a field
here; the rest of the package asks the spec and never branches on the kind.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Protocol

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce

from .. import reminders as tunables
from ..models import ReminderEmail, ReminderKind, ReminderStatus
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
    # Given the local moment in one time zone: which of that zone's due users get another
    # email in this one's place (the digest on its day). Their row is settled as skipped.
    gives_way: Callable[[datetime], Q] | None = None

    def wanted(self) -> Q:
        """Users who want this email and can receive it."""
        return Q(**{self.enabled_flag: True}, is_active=True) & ~Q(email="")


def settled() -> Q:
    """Rows whose period is over for good: sent, skipped, or given up on after ``MAX_ATTEMPTS``."""
    return Q(status__in=[ReminderStatus.SENT, ReminderStatus.SKIPPED]) | Q(
        status=ReminderStatus.FAILED, attempts__gte=tunables.MAX_ATTEMPTS
    )


def _daily_due(local: datetime) -> Q:
    return Q(daily_reminder_hour__lte=local.hour)


def _weekly_due(local: datetime) -> Q:
    # Due from the digest's weekday and hour; a digest caught up later in the week (the
    # user joined, or changed their day or time zone, or Monday's sends failed) still waits
    # for that hour of the day, so it never lands in the middle of the user's night.
    # One reminder email a day: a daily that went out today (before the user switched the
    # digest on, or moved its day back) has the day; the digest is caught up tomorrow.
    dailys_day = ReminderEmail.objects.filter(
        user=OuterRef("pk"),
        kind=ReminderKind.DAILY,
        period=local.date(),
        status__in=[ReminderStatus.SENT, ReminderStatus.SENDING],
    )
    return Q(~Exists(dailys_day), weekly_digest_weekday__lte=local.weekday(), weekly_digest_hour__lte=local.hour)


def _digest_takes_the_day(local: datetime) -> Q:
    """The daily gives way on any day the week's digest goes out: one reminder email a day.

    That is the digest's weekday, or a later day of the week while the digest is still to
    go out (caught up). Decided from the calendar and from what was settled before today,
    never from what happened earlier today, so it holds whichever hour comes first: a
    daily due at 07:00 gives way to the digest due at 08:00, and a daily due at 18:00
    still gives way after the digest went out (or turned out empty, or failed) at 08:00.
    A digest already settled on an earlier day of the week (the user then moved their
    digest day later) leaves the daily its place.
    """
    midnight = datetime(local.year, local.month, local.day, tzinfo=local.tzinfo)
    settled_earlier = (
        ReminderEmail.objects.filter(user=OuterRef("pk"), kind=ReminderKind.WEEKLY, period=WEEKLY.period(local.date()))
        .filter(settled())
        .alias(last_claimed=Coalesce("claimed_at", "created_at"))
        .filter(last_claimed__lt=midnight)
    )
    return Q(
        ~Exists(settled_earlier),
        **{WEEKLY.enabled_flag: True},
        weekly_digest_weekday__lte=local.weekday(),
    )


DAILY = ReminderSpec(
    kind=ReminderKind.DAILY,
    enabled_flag="daily_reminder_enabled",
    due=_daily_due,
    period=lambda day: day,
    contents=daily_contents,
    template="daily_reminder",
    gives_way=_digest_takes_the_day,
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
