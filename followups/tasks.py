"""Celery tasks: thin wrappers that call the batch services (beat triggers them; see netweave/celery.py).

Each run finds what is due now; nothing is scheduled ahead with an ETA. The reminder
tasks fan out: they list the users due now (one query) and queue a ``group`` of batch
tasks, ``BATCH_SIZE`` users each, that any number of workers run side by side. Each batch
claims its own rows (``reminders.claims``), so a batch queued twice (two beat ticks, a
redelivery after a worker died) still sends each email once. Failed SMTP
sends are recorded per email by the service and picked up by the next run; the
task itself only retries when the database or broker hiccups.
"""

from __future__ import annotations

from celery import group, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import reminders, rules
from .models import ReminderKind

TRANSIENT = (OperationalError, InterfaceError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 5, "retry_backoff_max": 120, "max_retries": 3}


def _fan_out(kind: str) -> str:
    batches = reminders.due_batches(kind, timezone.now())
    if batches:
        group(send_reminder_batch.s(kind, ids) for ids in batches).apply_async()
    return f"batches={len(batches)} users={sum(len(ids) for ids in batches)}"


@shared_task(name="followups.tasks.send_daily_reminders", **RETRY)
def send_daily_reminders() -> str:
    return _fan_out(ReminderKind.DAILY)


@shared_task(name="followups.tasks.send_weekly_digests", **RETRY)
def send_weekly_digests() -> str:
    return _fan_out(ReminderKind.WEEKLY)


@shared_task(name="followups.tasks.send_reminder_batch", **RETRY)
def send_reminder_batch(kind: str, user_ids: list[int]) -> str:
    """One batch of the fan-out, at the worker's own clock: claim, build, send, mark."""
    return reminders.send_batch(kind, user_ids).as_line()


@shared_task(name="followups.tasks.create_due_followups", **RETRY)
def create_due_followups() -> str:
    """The same work as ``manage.py create_followups`` (cron, the make-run fallback)."""
    return rules.create_due_followups(now=timezone.now()).as_line()
