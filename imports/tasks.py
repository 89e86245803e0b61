"""Celery entry point for imports too big to run inside a request."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .jobs import claim, run_claimed
from .jobs import drop_abandoned_uploads as drop


@shared_task(
    name="imports.tasks.run_upload_job",
    ignore_result=True,
    acks_late=True,
    # On its own queue (CELERY_TASK_ROUTES), so reminders never wait behind a big file.
    soft_time_limit=settings.NETWEAVE_IMPORT_SOFT_TIME_LIMIT,
    time_limit=settings.NETWEAVE_IMPORT_TIME_LIMIT,
)
def run_upload_job(upload_id: int) -> None:
    """Run the queued step (preview or import) of one upload; a no-op if someone else claimed it.

    At the soft time limit the step is marked failed with the limit named (``run_claimed``).
    """
    upload = claim(upload_id)
    if upload is not None:
        run_claimed(upload)


@shared_task(
    name="imports.tasks.drop_abandoned_uploads",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=5,
    max_retries=3,
)
def drop_abandoned_uploads() -> str:
    """Daily (netweave/celery.py): drop uploaded files nobody confirmed within a day."""
    return f"dropped={drop(now=timezone.now())}"
