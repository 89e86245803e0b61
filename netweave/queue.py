"""Queueing work so that a broker outage never breaks a request."""

from __future__ import annotations

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args: Any, **kwargs: Any) -> None:
    """Queue ``task`` once the current transaction commits.

    If the broker is unreachable the failure is logged and swallowed: every job
    netweave queues is also found by the next scheduled batch run, so nothing is
    lost, and the user never sees a 500 because Redis is down.
    """

    def publish() -> None:
        try:
            task.apply_async(args=args, kwargs=kwargs, retry=False)
        except Exception:  # kombu raises several connection error types
            logger.warning("Could not queue %s; the next scheduled run will pick it up.", task.name, exc_info=True)

    transaction.on_commit(publish)
