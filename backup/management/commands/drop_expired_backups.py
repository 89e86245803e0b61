"""Remove old "Download everything" files: the daily beat task's work, synchronously (for cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils import timezone

from backup.services import drop_expired_backups


class Command(BaseCommand):
    help = "Delete account backups older than NETWEAVE_BACKUP_KEEP_HOURS and their files; safe to repeat."

    def handle(self, *args: object, **options: object) -> None:
        dropped = drop_expired_backups(now=timezone.now())
        self.stdout.write(f"Dropped {dropped} expired backup{'s' if dropped != 1 else ''}.")
