"""Restore a backup zip into an empty account: ``import_account alice.zip --user alice2``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.models import User
from backup.reader import BackupError, read_document, restore_account


class Command(BaseCommand):
    help = "Restore a netweave backup (from Download everything or export_account) into an empty account."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The backup zip file.")
        parser.add_argument("--user", required=True, help="Username of the (empty) account to fill.")

    def handle(self, *args: Any, file: str, user: str, **options: Any) -> None:
        account = User.objects.filter(username=user).first()
        if account is None:
            raise CommandError(f"No user named {user!r}; create the account first.")
        try:
            counts = restore_account(account, read_document(file))
        except FileNotFoundError:
            raise CommandError(f"No such file: {file}") from None
        except BackupError as error:
            raise CommandError(f"{error} Nothing was restored.") from None
        summary = ", ".join(f"{count} {key.replace('_', ' ')}" for key, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Restored into {user}: {summary}."))
