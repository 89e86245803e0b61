"""Report rows that point into another owner's network; exit non-zero if there are any."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from netweave.ownership import crossed_links


class Command(BaseCommand):
    help = (
        "Count, for every link between owned rows (foreign keys and many-to-many), the rows whose two ends "
        "belong to different owners. Exits 1 when any exist. Read-only."
    )

    def handle(self, *args: object, **options: object) -> None:
        total = 0
        for link, crossed in crossed_links():
            total += crossed
            if crossed:
                self.stdout.write(f"{link}: {crossed} crossed")
        self.stdout.write(f"crossed={total}")
        if total:
            raise CommandError(f"{total} rows point into another owner's network; see the lines above.")
