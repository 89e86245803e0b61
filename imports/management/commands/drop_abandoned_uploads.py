"""Drop uploaded import files nobody confirmed within a day: the daily beat task's work, synchronously (for cron)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from imports.jobs import drop_abandoned_uploads


class Command(BaseCommand):
    help = "Delete import uploads (and their file bytes) older than a day that nobody confirmed; safe to repeat."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="Rows deleted per transaction.")

    def handle(self, *args: object, batch_size: int, **options: object) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        dropped = drop_abandoned_uploads(now=timezone.now(), batch_size=batch_size)
        self.stdout.write(f"Dropped {dropped} abandoned import upload{'s' if dropped != 1 else ''}.")
