"""Which users' reminder is due now: each in their own time zone, once per period."""

from __future__ import annotations

import logging
from datetime import date, datetime
from typing import TYPE_CHECKING, TypedDict
from zoneinfo import ZoneInfo

from django.db.models import BooleanField, Case, DateField, Exists, OuterRef, Q, QuerySet, Value, When
from django_stubs_ext import WithAnnotations

from accounts.models import User

from .. import reminders as tunables
from ..models import ReminderEmail, ReminderStatus
from .specs import settled, spec_for

logger = logging.getLogger(__name__)


class _Period(TypedDict):
    period: date
    gives_way: bool


# A user as due_users() returns them: annotated with the first day of the period that is due,
# and whether another email takes this one's place (``ReminderSpec.gives_way``).
# (WithAnnotations takes two arguments for the type checker only.)
if TYPE_CHECKING:
    DueUser = WithAnnotations[User, _Period]
else:
    DueUser = User


def due_users(kind: str, now: datetime) -> QuerySet[DueUser]:
    """Users whose ``kind`` email is due at ``now``, annotated with its ``period`` and ``gives_way``.

    One query to build.
    """
    spec = spec_for(kind)
    zones = User.objects.filter(spec.wanted()).values_list("time_zone", flat=True).distinct()
    conditions, periods, giving_way = Q(pk__in=[]), [], []
    for zone in zones:
        try:
            local = now.astimezone(ZoneInfo(zone))
        except (KeyError, ValueError):
            logger.warning("Skipping users with unknown time zone %r", zone)
            continue
        conditions |= Q(time_zone=zone) & spec.due(local)
        periods.append(When(time_zone=zone, then=Value(spec.period(local.date()))))
        if spec.gives_way is not None:
            giving_way.append(When(Q(time_zone=zone) & spec.gives_way(local), then=Value(True)))
    if not periods:
        return User.objects.none()  # type: ignore[return-value]  # empty: carries no annotation to miss
    # A period is over once it, or a later one, is settled: a user who moves their time zone
    # west (Tokyo to New York) is back on a local day, or in a week, that already had its
    # email, perhaps minutes ago under its later date.
    taken = ReminderEmail.objects.filter(user=OuterRef("pk"), kind=kind).filter(
        Q(settled(), period__gte=OuterRef("period"))
        | Q(period=OuterRef("period"), status=ReminderStatus.SENDING, claimed_at__gte=now - tunables.STALE_CLAIM_AFTER)
    )
    return (
        User.objects.filter(spec.wanted())
        .filter(conditions)
        .annotate(
            period=Case(*periods, output_field=DateField()),
            gives_way=Case(*giving_way, default=Value(False), output_field=BooleanField()),
        )
        .filter(~Exists(taken))
        .order_by("pk")
    )
