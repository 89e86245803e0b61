"""Building "Download everything" backups and removing them after a while."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from netweave.queue import enqueue

from .models import AccountBackup, BackupState
from .writer import count_rows, write_backup

logger = logging.getLogger(__name__)


def backup_path(backup: AccountBackup) -> Path:
    return Path(settings.NETWEAVE_BACKUP_DIR) / backup.file_name


@transaction.atomic
def request_backup(user: User) -> AccountBackup:
    """Start a backup of ``user``'s account: built now when small, else queued for a worker."""
    total = count_rows(user)
    backup = AccountBackup.objects.create(
        owner=user, rows_total=total, file_name=f"{user.pk}-{secrets.token_urlsafe(12)}.zip"
    )
    if total <= settings.NETWEAVE_BACKUP_INLINE_ROWS:
        claimed = claim(backup.pk)
        assert claimed is not None  # noqa: S101 (just created in this transaction)
        build_claimed(claimed)
    else:
        from .tasks import build_backup

        enqueue(build_backup, backup.pk)
    return backup


def claim(backup_id: int) -> AccountBackup | None:
    """Take a queued backup for building (a conditional UPDATE: one builder wins)."""
    if not AccountBackup.objects.filter(pk=backup_id, state=BackupState.QUEUED).update(state=BackupState.WORKING):
        return None
    return AccountBackup.objects.select_related("owner").get(pk=backup_id)


def build_claimed(backup: AccountBackup) -> None:
    """Write the zip, reporting progress on the row; a failure is recorded, not raised."""

    def progress(done: int) -> None:
        AccountBackup.objects.filter(pk=backup.pk).update(rows_done=done)

    try:
        write_backup(backup.owner, backup_path(backup), now=timezone.now(), on_progress=progress)
    except Exception as error:  # A disk full or a bug must show on the page, not hang it.
        logger.exception("Backup %s failed", backup.pk)
        backup.state, backup.error = BackupState.FAILED, f"The backup could not be written ({type(error).__name__})."
    else:
        backup.state = BackupState.READY
    backup.finished_at = timezone.now()
    backup.rows_done = backup.rows_total
    backup.save(update_fields=["state", "error", "finished_at", "rows_done"])


def build_if_stuck(backup: AccountBackup, *, now: datetime) -> AccountBackup:
    """A backup no worker took (Redis or the worker down) is built by the page that waits for it."""
    if AccountBackup.objects.filter(pk=backup.pk).unclaimed(now).exists():
        claimed = claim(backup.pk)
        if claimed is not None:
            build_claimed(claimed)
        backup.refresh_from_db()
    return backup


def drop_expired_backups(*, now: datetime) -> int:
    """Delete backups older than NETWEAVE_BACKUP_KEEP_HOURS and their files; safe to repeat."""
    dropped = 0
    for backup in AccountBackup.objects.expired(now).exclude(state=BackupState.WORKING).iterator():
        backup_path(backup).unlink(missing_ok=True)
        backup_path(backup).with_suffix(".partial").unlink(missing_ok=True)
        backup.delete()
        dropped += 1
    return dropped
