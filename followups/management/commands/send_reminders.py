"""Send the reminder emails due now: the same code the beat tasks run, synchronously (for cron and tests)."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from followups import reminders
from followups.models import ReminderKind


class Command(BaseCommand):
    help = "Send the daily reminders and weekly digests that are due; safe to run any number of times."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--kind", choices=["daily", "weekly", "all"], default="all")
        parser.add_argument("--now", help="Pretend it is this moment (ISO-8601 with an offset); default: now.")
        parser.add_argument("--batch-size", type=int, default=reminders.BATCH_SIZE)

    def handle(self, *args: object, kind: str, now: str | None, batch_size: int, **options: object) -> None:
        moment = self._parse_now(now) if now else timezone.now()
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        kinds = [ReminderKind.DAILY, ReminderKind.WEEKLY] if kind == "all" else [ReminderKind(kind)]
        result = reminders.SendResult()
        for each in kinds:
            result += reminders.send_reminders(each, now=moment, batch_size=batch_size)
        self.stdout.write(result.as_line())

    @staticmethod
    def _parse_now(value: str) -> datetime:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as error:
            raise CommandError(f"--now must be an ISO-8601 date and time, not {value!r}.") from error
        if timezone.is_naive(moment):
            raise CommandError("--now needs a UTC offset, e.g. 2026-03-09T08:00:00+00:00.")
        return moment
