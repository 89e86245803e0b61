"""Create a demo user with a realistic network: ``seed_demo --user demo --contacts 300``."""

from __future__ import annotations

import random
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import User
from contacts.demo import seed_network
from contacts.models import Contact
from followups.demo import seed_followups
from meetings.demo import log_held_meetings, seed_meetings


class Command(BaseCommand):
    help = "Create USER if missing and give them a realistic demo network (contacts, meetings, follow-ups)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--user", required=True, help="Username to seed (created if missing).")
        parser.add_argument("--contacts", type=int, default=300, help="How many contacts (default 300).")
        parser.add_argument(
            "--password", default=None, help="Password for a newly created user (default: the username)."
        )
        parser.add_argument("--seed", type=int, default=42, help="Random seed, for repeatable networks.")

    def handle(self, *args: Any, user: str, contacts: int, password: str | None, seed: int, **options: Any) -> None:
        if contacts < 1:
            raise CommandError("--contacts must be at least 1.")
        started = time.monotonic()
        account, created = User.objects.get_or_create(
            username=user, defaults={"email": f"{user}@example.com", "display_name": user.title()}
        )
        if created:
            account.set_password(password or user)
            account.save(update_fields=["password"])
        existing = Contact.objects.for_owner(account).count()
        if existing:
            self.stdout.write(f"{user} already has {existing} contacts; nothing seeded.")
            return

        rng = random.Random(seed)
        now = timezone.now()
        with transaction.atomic():
            network = seed_network(account, count=contacts, now=now, rng=rng)
            _, meetings = seed_meetings(account, network, count=max(7, contacts // 6), now=now, rng=rng)
            log_held_meetings(meetings)
            seed_followups(account, network, meetings, count=max(12, contacts // 3), now=now, rng=rng)
        # Fold the bulk insert into the search index and refresh the planner's statistics
        # now, rather than when autovacuum gets round to it (VACUUM cannot run inside a transaction).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE contacts_contact")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {user}: {contacts} contacts, {len(meetings)} meetings in {time.monotonic() - started:.1f}s."
            )
        )
