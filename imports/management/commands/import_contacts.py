"""Import a contacts export into a user's network from the command line (same importer as the web pages)."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from imports.parsers.decoding import check_size
from imports.parsers.parsing import FORMATS
from imports.parsers.records import ImportFileError
from imports.pipeline import Decisions, Outcome, outcome_of, plan_file, run_import


class Command(BaseCommand):
    help = "Import LinkedIn, Google, Outlook, vCard or other CSV contacts into USERNAME's network."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="The export file (CSV or .vcf).")
        parser.add_argument("--owner", required=True, help="Username whose network receives the contacts.")
        parser.add_argument("--format", default="auto", choices=list(FORMATS), help="Default: detect from the file.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would happen; write nothing.")
        parser.add_argument(
            "--matches",
            default="update",
            choices=["update", "skip"],
            help="People already in the network: fill their blank fields (default) or skip them.",
        )

    def handle(self, *args, file: str, owner: str, format: str, dry_run: bool, matches: str, **options) -> None:
        user = get_user_model().objects.filter(username=owner).first()
        if user is None:
            raise CommandError(f"No user called {owner!r}.")
        path = Path(file)
        try:
            check_size(path.stat().st_size)
            data = path.read_bytes()
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror or error}.") from None
        decisions = Decisions(default=matches)
        try:
            if dry_run:
                parsed, plans = plan_file(user, data, format=format)
                outcome = outcome_of(plans, len(parsed.errors), decisions)
                errors, warnings, unit = parsed.errors, parsed.warnings, parsed.unit
                detected, encoding = parsed.format, parsed.encoding
            else:
                run = run_import(user, data, file_name=path.name, format=format, decisions=decisions)
                outcome = Outcome(run.created_count, run.updated_count, run.skipped_count, run.error_count)
                errors, unit, detected, encoding = run.row_errors, run.unit, run.format, run.encoding
                warnings = run.row_warnings
        except ImportFileError as error:
            raise CommandError(f"{file}: {error} Nothing was imported.") from None
        self.stdout.write(f"Format: {detected}; encoding: {encoding}.")
        for row_error in sorted([*errors, *warnings], key=lambda e: e.number):
            self.stdout.write(f"{unit.capitalize()} {row_error.number} {row_error.message}.")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(outcome.line())
