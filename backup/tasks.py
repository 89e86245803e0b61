"""Celery entry points: big backups are built by a worker, old ones removed daily."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError


@shared_task(name="backup.build_backup", ignore_result=True, acks_late=True)
def build_backup(backup_id: int) -> None:
    """Build one queued backup; a no-op if the page already claimed it."""
    from .services import build_claimed, claim

    backup = claim(backup_id)
    if backup is not None:
        build_claimed(backup)


@shared_task(
    name="backup.drop_expired_backups", autoretry_for=(OperationalError, InterfaceError), retry_backoff=5, max_retries=3
)
def drop_expired_backups() -> str:
    """Daily (netweave/celery.py): remove backups older than NETWEAVE_BACKUP_KEEP_HOURS."""
    from django.utils import timezone

    from .services import drop_expired_backups as drop

    return f"dropped={drop(now=timezone.now())}"
