"""Celery tasks: thin wrappers that call the batch services (beat triggers them; see netweave/celery.py).

Each run finds what is due now; nothing is scheduled ahead with an ETA. Failed SMTP
sends are recorded per email by the service and picked up by the next run; the
task itself only retries when the database or broker hiccups.
"""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import reminders, rules

TRANSIENT = (OperationalError, InterfaceError)
RETRY = {"autoretry_for": TRANSIENT, "retry_backoff": 5, "retry_backoff_max": 120, "max_retries": 3}


@shared_task(name="followups.tasks.send_daily_reminders", **RETRY)
def send_daily_reminders() -> str:
    return reminders.send_daily_reminders().as_line()


@shared_task(name="followups.tasks.send_weekly_digests", **RETRY)
def send_weekly_digests() -> str:
    return reminders.send_weekly_digests().as_line()


@shared_task(name="followups.tasks.create_due_followups", **RETRY)
def create_due_followups() -> str:
    """The same work as ``manage.py create_followups`` (cron, the make-run fallback)."""
    return rules.create_due_followups(now=timezone.now()).as_line()
