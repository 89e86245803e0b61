"""Build, send and mark each claimed email; the run that ties the steps together."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils import timezone

from netweave.emails import absolute_reverse, make_message

from .. import reminders as tunables
from ..links import unsubscribe_url
from ..models import ReminderEmail, ReminderKind
from .claims import claim, mark_failed, mark_sent, mark_skipped
from .due import DueUser, due_users
from .specs import Contents, spec_for

logger = logging.getLogger(__name__)

SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class SendResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0

    def __add__(self, other: SendResult) -> SendResult:
        return SendResult(self.sent + other.sent, self.skipped + other.skipped, self.failed + other.failed)

    def as_line(self) -> str:
        return f"sent={self.sent} skipped={self.skipped} failed={self.failed}"


def _message_id(row: ReminderEmail) -> str:
    domain = urlparse(settings.SITE_URL).hostname or "netweave.local"
    return f"<netweave.{row.kind}.{row.period:%Y%m%d}.{row.user_id}@{domain}>"


def build_message(row: ReminderEmail, content: Contents, *, connection=None) -> EmailMultiAlternatives:
    """The email for one claimed row, every date and time in the user's own time zone."""
    user = row.user
    unsubscribe = unsubscribe_url(user, row.kind)
    context = {
        "user": user,
        "content": content,
        "period": row.period,
        "unsubscribe_url": unsubscribe,
        "followups_url": absolute_reverse("followups:list"),
        "preferences_url": absolute_reverse("accounts:preferences"),
        "kind_label": ReminderKind(row.kind).label.lower(),
    }
    # The template filters (|date, |time) render aware datetimes in the active zone.
    with timezone.override(user.time_zone):
        return make_message(
            spec_for(row.kind).template,
            context,
            to=[user.email],
            connection=connection,
            headers={
                "Message-ID": _message_id(row),
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )


def _giving_way(batch: list[DueUser]) -> set[int]:
    return {user.pk for user in batch if user.gives_way}


def _deliver(kind: str, rows: list[ReminderEmail], now: datetime, *, giving_way: set[int]) -> SendResult:
    """Build, send and mark this run's claimed rows; those of ``giving_way`` users are settled unsent."""
    result = SendResult()
    if not rows:
        return result
    spec = spec_for(kind)
    # Another email takes these users' place this period (the digest on its day): settled
    # as skipped like an empty one, and never built.
    settle = [row for row in rows if row.user_id in giving_way]
    rows = [row for row in rows if row.user_id not in giving_way]
    contents = spec.contents([row.user for row in rows], now) if rows else {}
    settle += [row for row in rows if spec.skip_when_empty and contents[row.user_id].is_empty]
    if settle:
        mark_skipped(settle)
        result.skipped += len(settle)
    skipped = {row.pk for row in settle}
    to_send = [(row, contents[row.user_id]) for row in rows if row.pk not in skipped]
    if not to_send:
        return result

    # A live worker must never still be sending when another run may take its claim over.
    give_up_at = time.monotonic() + tunables.STALE_CLAIM_AFTER.total_seconds() / 2
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except SEND_ERRORS as error:
        mark_failed([row for row, _ in to_send], now, f"Could not connect to the mail server: {error}")
        result.failed += len(to_send)
        return result
    try:
        for index, (row, content) in enumerate(to_send):
            if time.monotonic() > give_up_at:
                rest = [r for r, _ in to_send[index:]]
                mark_failed(rest, now, "The batch ran out of time; the next run sends it.")
                result.failed += len(rest)
                break
            try:
                build_message(row, content, connection=connection).send()
            except SEND_ERRORS as error:
                logger.warning("Reminder %s to user %s failed: %s", row.kind, row.user_id, error)
                mark_failed([row], now, str(error) or error.__class__.__name__)
                result.failed += 1
                continue
            except Exception as error:  # one user's email that cannot be built must not hold up the others
                # Raised out of the loop, it left the rest of the batch claimed; the takeover
                # half an hour later met the same email first, and so on all period. Handed
                # back like a failed send instead (retried up to MAX_ATTEMPTS), and logged whole.
                logger.exception("Reminder %s to user %s could not be built", row.kind, row.user_id)
                mark_failed([row], now, f"{error.__class__.__name__}: {error}")
                result.failed += 1
                continue
            mark_sent(row, now, item_count=content.item_count)
            result.sent += 1
    finally:
        with contextlib.suppress(*SEND_ERRORS):
            connection.close()
    return result


def send_reminders(kind: str, *, now: datetime | None = None, batch_size: int | None = None) -> SendResult:
    """Send every ``kind`` reminder due at ``now``, in batches; safe to run at any time, any number of times."""
    now = now or timezone.now()
    batch_size = batch_size or tunables.BATCH_SIZE
    result = SendResult()
    users = due_users(kind, now)
    last_id = 0
    while True:
        batch = list(users.filter(pk__gt=last_id)[:batch_size])
        if not batch:
            return result
        last_id = batch[-1].pk
        result += _deliver(kind, claim(kind, batch, now), now, giving_way=_giving_way(batch))


def due_batches(kind: str, now: datetime, *, batch_size: int | None = None) -> list[list[int]]:
    """The ids of every user whose ``kind`` email is due at ``now``, cut in batches. One query.

    What the beat task fans out to the workers; each batch claims for itself (``send_batch``).
    """
    batch_size = batch_size or tunables.BATCH_SIZE
    ids = list(due_users(kind, now).values_list("pk", flat=True))
    return [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]


def send_batch(kind: str, user_ids: list[int], *, now: datetime | None = None) -> SendResult:
    """Claim and send one batch: those of ``user_ids`` still due at ``now`` (a worker's own clock).

    Asks ``due_users`` again rather than trusting the list: a batch that waited in the
    queue while another run settled some of its users leaves those out, and the claim
    settles any race that is left. Four queries before the contents, then the per-email marks.
    """
    now = now or timezone.now()
    batch = list(due_users(kind, now).filter(pk__in=user_ids))
    if not batch:
        return SendResult()
    return _deliver(kind, claim(kind, batch, now), now, giving_way=_giving_way(batch))


def send_daily_reminders(*, now: datetime | None = None, batch_size: int | None = None) -> SendResult:
    return send_reminders(ReminderKind.DAILY, now=now, batch_size=batch_size)


def send_weekly_digests(*, now: datetime | None = None, batch_size: int | None = None) -> SendResult:
    return send_reminders(ReminderKind.WEEKLY, now=now, batch_size=batch_size)
