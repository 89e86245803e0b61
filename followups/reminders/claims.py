"""Claim before you send: one row per (user, kind, period), held by exactly one run.

See the package docstring for the whole argument; in short, the unique constraint
turns a second beat tick, worker or cron run into a conflict instead of a second
email, and the conditional UPDATE lets exactly one run take over a failed or stale row.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import F, Q

from .. import reminders as tunables
from ..models import ReminderEmail, ReminderStatus
from .due import DueUser


def claim(kind: str, users: list[DueUser], now: datetime) -> list[ReminderEmail]:
    """Claim this batch's rows; returns only the rows this call now holds. Three queries."""
    token = uuid.uuid4().hex
    ReminderEmail.objects.bulk_create(
        [
            ReminderEmail(
                user=user,
                kind=kind,
                period=user.period,
                status=ReminderStatus.SENDING,
                claim_token=token,
                claimed_at=now,
                attempts=1,
            )
            for user in users
        ],
        ignore_conflicts=True,
    )
    same_period = Q(pk__in=[])
    for user in users:
        same_period |= Q(user_id=user.pk, period=user.period)
    # Take over what failed before, or what a dead worker left claimed. Postgres
    # re-checks this WHERE after waiting on a concurrent update of the same row, so
    # two runs never both take the same row.
    ReminderEmail.objects.filter(same_period, kind=kind).filter(
        Q(status=ReminderStatus.FAILED, attempts__lt=tunables.MAX_ATTEMPTS)
        | Q(status=ReminderStatus.SENDING, claimed_at__lt=now - tunables.STALE_CLAIM_AFTER)
    ).update(status=ReminderStatus.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    return list(ReminderEmail.objects.filter(kind=kind, claim_token=token).select_related("user").order_by("user_id"))


# The one statement per delivered email, written out once rather than compiled by the ORM
# for every email; the second form commits without waiting for the WAL flush, when the
# operator turned that wait off (see ``mark_sent``).
_MARK_SENT = (
    'UPDATE "followups_reminderemail" SET "status" = %s, "sent_at" = %s, "item_count" = %s, '
    '"claim_token" = \'\', "last_error" = \'\' WHERE "id" = %s AND "claim_token" = %s'
)
_MARK_SENT_ASYNC = "SET LOCAL synchronous_commit TO OFF; " + _MARK_SENT


def mark_sent(row: ReminderEmail, now: datetime, *, item_count: int) -> None:
    """The commit point for one delivered email: one statement, right after its send.

    By default it waits for the disk, like any commit: no crash of anything can then
    resend more than the message in flight. With ``NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK``
    off it commits without waiting (``synchronous_commit`` off for this one transaction;
    the wait was 0.3 to 3 ms per email on the shared VM). A worker killed right after
    its send still leaves the row marked: the commit is in the server, which writes it
    out within ``3 x wal_writer_delay`` (0.6 s by default). Only a crash of Postgres
    itself inside that fraction of a second can forget marks; those rows then look
    stranded and the stale-claim takeover sends them again.
    """
    wait = settings.NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK or connection.vendor != "postgresql"
    sql = _MARK_SENT if wait else _MARK_SENT_ASYNC
    value = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [ReminderStatus.SENT.value, value, item_count, row.pk, row.claim_token])


def mark_skipped(rows: list[ReminderEmail]) -> None:
    """Nothing to say this period: settled without sending, never retried."""
    ReminderEmail.objects.filter(pk__in=[r.pk for r in rows]).update(status=ReminderStatus.SKIPPED, claim_token="")


def mark_failed(rows: list[ReminderEmail], now: datetime, error: str) -> None:
    """Handed back: a later run in the period takes these over (up to ``MAX_ATTEMPTS``)."""
    ReminderEmail.objects.filter(pk__in=[r.pk for r in rows], status=ReminderStatus.SENDING).update(
        status=ReminderStatus.FAILED, failed_at=now, last_error=error[:1000], claim_token=""
    )
