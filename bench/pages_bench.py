"""Median page times for a 30,000-contact user against a 100-contact user.

Run by hand (numbers go in notes, never in timed tests):

    python manage.py migrate
    python manage.py seed_demo --user big --contacts 30000
    python manage.py seed_demo --user small --contacts 100
    python bench/pages_bench.py [--runs 21] [--big big] [--small small] [--extra /introductions/?q=acme ...]

The bar: every main page of the big user within 1.2x the small user's, with the same
number of queries; the dashboard within 1.5x the contact list. A contact's page is
measured on a contact with typical history in each network (the median, by rows that
point at them, of the contacts that have any). The dashboard is measured warm (its day
cached, as between two writes) and cold (its owner's cache version bumped before every
request, as after a write). So is the search: warm, it reads the page whose members were
remembered (coming back to the results, paging through them); cold, it finds them again
(a new search). Cold figures are for information, outside the bar. Each page ends with
one summary line:
``page=/ small=ms big=ms ratio=R queries=N``.

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

# Named by URL; "contact" is each user's typical contact (see typical_contact()).
PAGES = ["/", "/contacts/", "/contacts/?q=smith", "/meetings/", "/followups/", "contact"]
# Also measured cold, each request after a write (for information: see the docstring).
COLD = ["/", "/contacts/?q=smith"]
BAR = 1.2
DASHBOARD_BAR = 1.5  # the dashboard against the contact list, of the same user


def timed_get(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries.captured_queries), response.status_code


def measure(
    clients: dict[str, Client], urls: dict[str, str], runs: int, *, cold: dict[str, int] | None = None
) -> dict[str, tuple[float, int, int]]:
    """Median milliseconds, queries and status per user, after two warm-ups.

    The two users' requests alternate, so both see the same load from anything else
    running on the machine; the ratio is fair even when the absolute times are noisy.
    ``cold`` maps each label to its user id: that owner's cache version is bumped before
    every request (outside the timing).
    """
    from netweave.cache import bump_owner

    for _ in range(2):
        for label, client in clients.items():
            client.get(urls[label])
    samples: dict[str, list[float]] = {label: [] for label in clients}
    last: dict[str, tuple[int, int]] = {}
    for _ in range(runs):
        for label, client in clients.items():
            if cold:
                bump_owner(cold[label])
            elapsed, queries, status = timed_get(client, urls[label])
            samples[label].append(elapsed)
            last[label] = (queries, status)
    return {label: (statistics.median(samples[label]), *last[label]) for label in samples}


def typical_contact(user: User) -> tuple[str, int]:
    """The page of the median contact, by rows pointing at them, among those with any history."""
    from contacts.models import Contact
    from contacts.pointers import contact_pointers

    counted = Contact.objects.for_owner(user).with_history_counts()
    names = [f"{pointer.accessor}_count" for pointer in contact_pointers() if not pointer.is_link_table]
    rows = sorted((total, pk) for pk, *counts in counted.values_list("pk", *names) if (total := sum(counts)))
    if not rows:
        return f"/contacts/{Contact.objects.for_owner(user).values_list('pk', flat=True).first()}/", 0
    total, pk = rows[len(rows) // 2]
    return f"/contacts/{pk}/", total


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
            for table in (
                "contacts_contact",
                "contacts_contactlink",
                "contacts_ledgerentry",
                "meetings_meeting",
                "followups_followup",
            ):
                cursor.execute(f"VACUUM ANALYZE {table}")

    # As in the tests: plain HTTP, no manifest needed for {% static %}.
    settings.SECURE_SSL_REDIRECT = False
    settings.ALLOWED_HOSTS = ["*"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

    clients = {}
    users = {}
    for label, username in (("small", args.small), ("big", args.big)):
        user = User.objects.filter(username=username).first()
        if user is None:
            print(f"No user {username!r}: run seed_demo first (see this script's docstring).")
            return 2
        client = Client()
        client.force_login(user)
        clients[label] = client
        users[label] = user
    contact_pages = {label: typical_contact(user) for label, user in users.items()}

    from contacts.models import Contact
    from followups.models import FollowUp
    from meetings.models import Meeting

    for label, username in (("small", args.small), ("big", args.big)):
        user = User.objects.get(username=username)
        print(
            f"{label:>5}: {username} has {Contact.objects.for_owner(user).count()} contacts, "
            f"{Meeting.objects.for_owner(user).count()} meetings, "
            f"{FollowUp.objects.for_owner(user).count()} follow-ups; "
            f"typical contact {contact_pages[label][0]} with {contact_pages[label][1]} rows of history"
        )
    print(f"median of {args.runs} runs each (small and big interleaved), after 2 warm-ups\n")
    header = f"{'page':<28} {'small ms':>9} {'big ms':>9} {'ratio':>6} {'queries s/b':>12}  bar <= {BAR}"
    print(header)
    print("-" * len(header))
    failures = 0
    summary = []
    medians: dict[str, dict[str, float]] = {}
    ids = {label: user.pk for label, user in users.items()}
    pages = [(page, False) for page in PAGES] + [(page, True) for page in COLD] + [(page, False) for page in args.extra]
    for page, cold in pages:
        urls = {label: contact_pages[label][0] if page == "contact" else page for label in clients}
        name = "/contacts/<typical>/" if page == "contact" else page + (" (cold)" if cold else "")
        results = measure(clients, urls, args.runs, cold=ids if cold else None)
        small_ms, small_queries, small_status = results["small"]
        big_ms, big_queries, big_status = results["big"]
        medians[name] = {"small": small_ms, "big": big_ms}
        ratio = big_ms / small_ms if small_ms else float("inf")
        in_bar = page in PAGES and not cold
        verdict = ("ok" if ratio <= BAR and small_queries == big_queries else "OVER") if in_bar else "(info)"
        if in_bar and verdict != "ok":
            failures += 1
        status = "" if small_status == big_status == 200 else f"  HTTP {small_status}/{big_status}"
        timings = f"{small_ms:>9.1f} {big_ms:>9.1f} {ratio:>6.2f}"
        print(f"{name:<28} {timings} {small_queries:>5}/{big_queries:<6}  {verdict}{status}")
        queries = small_queries if small_queries == big_queries else f"{small_queries}/{big_queries}"
        summary.append(f"page={name} small={small_ms:.1f} big={big_ms:.1f} ratio={ratio:.2f} queries={queries}")
    print()
    for label in ("small", "big"):
        for dashboard in ("/", "/ (cold)"):
            against = medians[dashboard][label] / medians["/contacts/"][label]
            verdict = "ok" if against <= DASHBOARD_BAR else "OVER"
            if dashboard == "/" and verdict != "ok":
                failures += 1
            print(
                f"{label:>5}: dashboard{' cold' if 'cold' in dashboard else ''} / contact list = {against:.2f}  "
                f"(bar <= {DASHBOARD_BAR}{', info' if 'cold' in dashboard else ''})  {verdict}"
            )
    print()
    print("\n".join(summary))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
