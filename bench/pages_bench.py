"""Median page times for a 30,000-contact user against a 100-contact user.

Run by hand (numbers go in notes, never in timed tests):

    python manage.py migrate
    python manage.py seed_demo --user big --contacts 30000
    python manage.py seed_demo --user small --contacts 100
    python bench/pages_bench.py [--runs 21] [--big big] [--small small] [--extra /introductions/?q=acme ...]

It runs VACUUM ANALYZE on the seeded tables first (--no-vacuum to skip), as autovacuum
would on a live server.

Requests go through the Django test client in-process (full middleware, templates
and real Postgres), so the numbers measure the app, not a web server. The pages are
named by URL, so the script needs no change when the other apps' lists are rebuilt.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")
os.environ.setdefault("SECRET_KEY", "bench-only")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402

PAGES = ["/", "/contacts/", "/meetings/", "/followups/"]
BAR = 1.5


def timed_get(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries.captured_queries), response.status_code


def measure(small: Client, big: Client, url: str, runs: int) -> dict[str, tuple[float, int, int]]:
    """Median milliseconds, queries and status per user, after two warm-ups.

    The two users' requests alternate, so both see the same load from anything else
    running on the machine; the ratio is fair even when the absolute times are noisy.
    """
    for _ in range(2):
        small.get(url)
        big.get(url)
    samples: dict[str, list[float]] = {"small": [], "big": []}
    last: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        for label, client in (("small", small), ("big", big)):
            elapsed, queries, status = timed_get(client, url)
            samples[label].append(elapsed)
            last[label] = (queries, status)
    return {label: (statistics.median(samples[label]), *last[label]) for label in samples}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--big", default="big", help="username of the large network (seed_demo --contacts 30000)")
    parser.add_argument("--small", default="small", help="username of the small network (seed_demo --contacts 100)")
    parser.add_argument("--extra", nargs="*", default=[], help="more URLs to measure (not part of the bar)")
    parser.add_argument("--no-vacuum", action="store_true", help="skip VACUUM ANALYZE of the seeded tables")
    args = parser.parse_args()

    if not args.no_vacuum:
        # Rows bulk-inserted by seed_demo have no statistics or visibility map until
        # autovacuum gets to them; without this the first minutes measure the seeding.
        with connection.cursor() as cursor:
            for table in ("contacts_contact", "contacts_contactlink", "meetings_meeting", "followups_followup"):
                cursor.execute(f"VACUUM ANALYZE {table}")

    # As in the tests: plain HTTP, no manifest needed for {% static %}.
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    clients = {}
    for label, username in (("small", args.small), ("big", args.big)):
        user = User.objects.filter(username=username).first()
        if user is None:
            print(f"No user {username!r}: run seed_demo first (see this script's docstring).")
            return 2
        client = Client()
        client.force_login(user)
        clients[label] = client

    from contacts.models import Contact
    from followups.models import FollowUp
    from meetings.models import Meeting

    for label, username in (("small", args.small), ("big", args.big)):
        user = User.objects.get(username=username)
        print(
            f"{label:>5}: {username} has {Contact.objects.for_owner(user).count()} contacts, "
            f"{Meeting.objects.for_owner(user).count()} meetings, {FollowUp.objects.for_owner(user).count()} follow-ups"
        )
    print(f"median of {args.runs} runs each (small and big interleaved), after 2 warm-ups\n")
    header = f"{'page':<28} {'small ms':>9} {'big ms':>9} {'ratio':>6} {'queries s/b':>12}  bar <= {BAR}"
    print(header)
    print("-" * len(header))
    failures = 0
    for url in [*PAGES, *args.extra]:
        results = measure(clients["small"], clients["big"], url, args.runs)
        small_ms, small_queries, small_status = results["small"]
        big_ms, big_queries, big_status = results["big"]
        ratio = big_ms / small_ms if small_ms else float("inf")
        in_bar = url in PAGES
        verdict = ("ok" if ratio <= BAR and small_queries == big_queries else "OVER") if in_bar else "(info)"
        if in_bar and verdict != "ok":
            failures += 1
        status = "" if small_status == big_status == 200 else f"  HTTP {small_status}/{big_status}"
        timings = f"{small_ms:>9.1f} {big_ms:>9.1f} {ratio:>6.2f}"
        print(f"{url:<28} {timings} {small_queries:>5}/{big_queries:<6}  {verdict}{status}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
