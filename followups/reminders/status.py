"""The user's side of reminder emails: switching one off, and what the preferences page shows."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db.models import F, Window
from django.db.models.functions import Coalesce, RowNumber

from accounts.models import User
from netweave.dates import formatted

from .. import reminders as tunables
from ..models import ReminderEmail, ReminderKind, ReminderStatus
from .specs import spec_for


def unsubscribe(user: User, kind: str) -> bool:
    """Switch one email off. Returns False if it was already off."""
    flag = spec_for(kind).enabled_flag
    return bool(User.objects.filter(pk=user.pk, **{flag: True}).update(**{flag: False}))


def delivery_status(user: User) -> list[dict[str, str]]:
    """What the preferences page shows: last sent per kind, and recent failures. One query."""
    zone = ZoneInfo(user.time_zone)
    moment = Coalesce("sent_at", "failed_at", "created_at")
    recent = list(
        ReminderEmail.objects.filter(user=user, status__in=[ReminderStatus.SENT, ReminderStatus.FAILED])
        .annotate(rank=Window(RowNumber(), partition_by=[F("kind"), F("status")], order_by=moment.desc()))
        .filter(rank__lte=3)
    )
    last_sent = {row.kind: row.sent_at for row in recent if row.status == ReminderStatus.SENT and row.rank == 1}
    rows = []
    for kind in ReminderKind:
        sent = last_sent.get(kind.value)
        rows.append(
            {
                "label": f"Last {kind.label.lower()}",
                "value": formatted(sent.astimezone(zone), "day_date_time") if sent else "Not sent yet",
                "state": "ok" if sent else "none",
            }
        )
    failed = sorted(
        (row for row in recent if row.status == ReminderStatus.FAILED),
        key=lambda row: row.failed_at or row.created_at,
        reverse=True,
    )[:3]
    rows.extend(
        {
            "label": f"{row.get_kind_display()} for {formatted(row.period, 'day_month')} failed",
            "value": f"{row.attempts} attempt{'s' if row.attempts != 1 else ''}; "
            + ("retrying automatically" if row.attempts < tunables.MAX_ATTEMPTS else "gave up; check your address"),
            "state": "failed",
        }
        for row in failed
    )
    return rows
