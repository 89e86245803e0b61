"""Time one weekly-digest run for 1,000 users with seeded networks.

    DATABASE_URL=... SECRET_KEY=... .venv/bin/python bench/digest_bench.py [--users 1000]

Writes small networks in bulk (contacts, a search, meetings, follow-ups per user),
runs ``send_weekly_digests`` once through Django's in-memory email backend, and
prints the wall time and the number of SQL queries. The bench users are removed
afterwards (and before, if a previous run was interrupted). Use a scratch database:
every other user whose digest is due on the bench's date is sent one too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core import mail  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402
from contacts.models import Contact, Stage  # noqa: E402
from followups import reminders  # noqa: E402
from followups.models import FollowUp, FollowUpKind, FollowUpState, ReminderEmail  # noqa: E402
from meetings.models import Meeting, MeetingState, Search  # noqa: E402

NOW = dt.datetime(2026, 3, 4, 10, 30, tzinfo=dt.UTC)  # a Wednesday: every default digest is due
ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"]
PREFIX = "digest-bench-"


def seed(users: int, contacts_per_user: int) -> None:
    accounts = User.objects.bulk_create(
        [
            User(
                username=f"{PREFIX}{i}",
                email=f"{PREFIX}{i}@example.com",
                password=make_password(None),  # unusable
                time_zone=ZONES[i % len(ZONES)],
            )
            for i in range(users)
        ],
        batch_size=1000,
    )
    contacts = []
    for user in accounts:
        for j in range(contacts_per_user):
            contact = Contact(
                owner=user,
                given_name=f"Person{j}",
                family_name=f"Of{user.pk}",
                emails=[f"p{j}.{user.pk}@example.org"],
                stage=[Stage.ACQUAINTANCE, Stage.IN_TOUCH, Stage.ALLY][j % 3],
                last_contacted_at=NOW - dt.timedelta(days=(j * 13) % 150),
            )
            contact.prepare_for_save()
            contacts.append(contact)
    contacts = Contact.objects.bulk_create(contacts, batch_size=5000)
    by_owner: dict[int, list[Contact]] = {}
    for contact in contacts:
        by_owner.setdefault(contact.owner_id, []).append(contact)
    searches = Search.objects.bulk_create(
        [Search(owner=u, title="A product role", started_on=dt.date(2026, 1, 5)) for u in accounts], batch_size=1000
    )
    meetings, followups = [], []
    for user, search in zip(accounts, searches, strict=True):
        people = by_owner[user.pk]
        meetings += [
            Meeting(
                owner=user,
                contact=people[0],
                search=search,
                state=MeetingState.SCHEDULED,
                starts_at=NOW + dt.timedelta(days=1),
                scheduled_at=NOW - dt.timedelta(days=2),
            ),
            Meeting(
                owner=user,
                contact=people[1],
                search=search,
                state=MeetingState.HELD,
                held_at=NOW - dt.timedelta(days=6),
            ),
            Meeting(
                owner=user, contact=people[2], state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=9)
            ),
        ]
        today = NOW.astimezone(ZoneInfo(user.time_zone)).date()
        followups += [
            FollowUp(
                owner=user,
                contact=people[1],
                kind=FollowUpKind.THANK_YOU,
                title="Thank-you",
                due_on=today - dt.timedelta(days=2),
                message="Dear...",
            ),
            FollowUp(
                owner=user,
                contact=people[3],
                kind=FollowUpKind.PROMISE,
                title="Promise",
                due_on=today,
                message="Dear...",
            ),
            FollowUp(
                owner=user,
                contact=people[4],
                kind=FollowUpKind.KEEP_IN_TOUCH,
                title="Keep in touch",
                due_on=today + dt.timedelta(days=2),
                message="Dear...",
            ),
            FollowUp(
                owner=user,
                contact=people[5],
                kind=FollowUpKind.THANK_YOU,
                title="Done thank-you",
                due_on=today - dt.timedelta(days=6),
                state=FollowUpState.DONE,
                done_at=NOW - dt.timedelta(days=7),
            ),
            FollowUp(
                owner=user,
                contact=people[6],
                search=search,
                kind=FollowUpKind.OUTCOME_REPORT,
                title="Outcome",
                due_on=today,
                state=FollowUpState.PROPOSED,
            ),
        ]
    Meeting.objects.bulk_create(meetings, batch_size=5000)
    FollowUp.objects.bulk_create(followups, batch_size=5000)


def clean() -> None:
    User.objects.filter(username__startswith=PREFIX).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=12, help="contacts per user")
    parser.add_argument("--batch-size", type=int, default=reminders.BATCH_SIZE)
    options = parser.parse_args()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox = []
    settings.DEBUG = False
    clean()
    started = time.perf_counter()
    seed(options.users, options.contacts)
    seeded = time.perf_counter() - started
    print(f"seeded {options.users} users x {options.contacts} contacts, 3 meetings, 5 follow-ups in {seeded:.1f}s")

    try:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = reminders.send_weekly_digests(now=NOW, batch_size=options.batch_size)
            elapsed = time.perf_counter() - started
        batches = -(-options.users // options.batch_size)
        per_email = sum(1 for q in queries.captured_queries if q["sql"].startswith('UPDATE "followups_reminderemail"'))
        print(f"weekly run: {result.as_line()}")
        print(
            f"weekly run: {elapsed:.2f}s wall, {elapsed / max(result.sent, 1) * 1000:.2f} ms per email, "
            f"{len(queries)} queries ({batches} batches of {options.batch_size}: "
            f"{len(queries) - per_email + batches} fixed + {per_email - batches} per-email commits)"
        )
        # Other users in the same database (a demo, say) get their digest too; count ours.
        assert sum(1 for message in mail.outbox if message.to[0].startswith(PREFIX)) == options.users
        assert ReminderEmail.objects.filter(user__username__startswith=PREFIX).count() == options.users

        with CaptureQueriesContext(connection) as again:
            started = time.perf_counter()
            second = reminders.send_weekly_digests(now=NOW, batch_size=options.batch_size)
            elapsed = time.perf_counter() - started
        print(f"second run (beat fires again): {second.as_line()} in {elapsed:.2f}s, {len(again)} queries")
    finally:
        clean()


if __name__ == "__main__":
    main()
