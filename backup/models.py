"""A whole-account backup being built, or ready to download for a while."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse

from netweave.ownership import OwnedModel, OwnedQuerySet


class BackupState(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    WORKING = "working", "Working"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Failed"


class AccountBackupQuerySet(OwnedQuerySet):
    def expired(self, now: datetime) -> AccountBackupQuerySet:
        """Backups older than NETWEAVE_BACKUP_KEEP_HOURS: their files are removed by the daily clean-up."""
        return self.filter(created_at__lt=now - timedelta(hours=settings.NETWEAVE_BACKUP_KEEP_HOURS))

    def unclaimed(self, now: datetime) -> AccountBackupQuerySet:
        """Queued backups no worker picked up in time (Redis down, no worker): the page builds them."""
        return self.filter(state=BackupState.QUEUED, created_at__lte=now - timedelta(seconds=30))


class AccountBackup(OwnedModel):
    """One "Download everything": the zip file lives on disk under NETWEAVE_BACKUP_DIR."""

    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(max_length=10, choices=BackupState.choices, default=BackupState.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    objects = AccountBackupQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Backup of {self.owner} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("backup:detail", args=[self.pk])

    @property
    def is_busy(self) -> bool:
        return self.state in (BackupState.QUEUED, BackupState.WORKING)

    @property
    def percent(self) -> int:
        if self.state == BackupState.READY:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0
