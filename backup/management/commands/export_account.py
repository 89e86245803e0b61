"""Write one account to a backup zip: ``export_account --user alice --output alice.zip``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from accounts.models import User
from backup.writer import write_backup


class Command(BaseCommand):
    help = "Export a user's whole account (JSON, CSVs, vCard, iCalendar) to a zip file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username whose account is exported.")
        parser.add_argument("--output", required=True, help="The zip file to write.")

    def handle(self, *args: Any, user: str, output: str, **options: Any) -> None:
        account = User.objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user named {user!r}.")
        counts = write_backup(account, Path(output), now=timezone.now())
        summary = ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}: {summary}."))
