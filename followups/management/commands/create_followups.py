"""Create the follow-ups that time makes due: the same code the hourly beat task runs, synchronously.

For cron, the ``make run`` fallback without Redis, and tests. Idempotent: each rule
keys its rows (``followups.rule_keys``), and the keep-in-touch budget counts what
each user already got that day, so a second run the same day creates nothing new.
The last line is always ``created=N``.
"""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from followups import rules


class Command(BaseCommand):
    help = "Create due reply nudges and keep-in-touch follow-ups (what beat runs hourly); safe to run any time."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--now", help="Pretend it is this moment (ISO-8601 with an offset); default: now.")

    def handle(self, *args: object, now: str | None, **options: object) -> None:
        moment = parse_now(now) if now else timezone.now()
        run = rules.create_due_followups(now=moment)
        self.stdout.write(f"reply_nudges={run.reply_nudges} keep_in_touch={run.keep_in_touch}")
        self.stdout.write(f"created={run.created}")


def parse_now(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise CommandError(
            f"--now must be an ISO-8601 date and time, like 2026-03-09T08:00:00+00:00, not {value!r}."
        ) from error
    if timezone.is_naive(moment):
        raise CommandError("--now needs a UTC offset, like 2026-03-09T08:00:00+00:00.")
    return moment
