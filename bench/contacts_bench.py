"""Is the contact list as fast at 30,000 contacts as at 100?

Seeds (once, through ``seed_demo``) one user with 30,000 contacts and one with 100
in the database named by DATABASE_URL, then times ``/contacts/`` and
``/contacts/?q=smith`` for both with Django's test client, in one run, and prints
the medians and the big/small ratio (the bar: at most 1.5).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nw_contacts SECRET_KEY=x \\
        .venv/bin/python bench/contacts_bench.py [--rounds 40]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")
# Plain HTTP on the test client, and templates that need no collected manifest.
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost")
os.environ.setdefault("LOG_LEVEL", "WARNING")
# WhiteNoise warns that collectstatic has not run; irrelevant to the timings.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from contacts.models import Contact  # noqa: E402

USERS = (("bench_big", 30_000), ("bench_small", 100))
PAGES = (("/contacts/", "list"), ("/contacts/?q=smith", "search smith"))
BAR = 1.5


def seed() -> None:
    for username, size in USERS:
        have = Contact.objects.filter(owner__username=username).count()
        if have == size:
            continue
        if have:
            sys.exit(f"{username} has {have} contacts, not {size}; delete the user and run again.")
        started = time.perf_counter()
        call_command("seed_demo", user=username, contacts=size, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"seeded {username} with {size:,} contacts in {time.perf_counter() - started:.1f} s")


def medians_ms(big: Client, small: Client, url: str, rounds: int) -> tuple[float, float]:
    """Median time of ``url`` for each user, requests alternating so drift on a shared machine hits both."""
    for client in (big, small):
        for _ in range(5):  # warm the connection, caches and the planner
            assert client.get(url).status_code == 200
    samples: dict[Client, list[float]] = {big: [], small: []}
    for _ in range(rounds):
        for client in (big, small):
            started = time.perf_counter()
            response = client.get(url)
            samples[client].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    return statistics.median(samples[big]), statistics.median(samples[small])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    rounds = parser.parse_args().rounds
    seed()
    clients = {}
    for username, _ in USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        clients[username] = client

    print(f"\nmedian of {rounds} requests, Django test client, real Postgres\n")
    print(f"{'page':<16}{'30,000 contacts':>18}{'100 contacts':>16}{'ratio':>8}")
    worst = 0.0
    for url, label in PAGES:
        big, small = medians_ms(clients["bench_big"], clients["bench_small"], url, rounds)
        ratio = big / small
        worst = max(worst, ratio)
        print(f"{label:<16}{big:>15.1f} ms{small:>13.1f} ms{ratio:>8.2f}")
    verdict = "PASS" if worst <= BAR else "FAIL"
    print(f"\nworst big/small ratio {worst:.2f} (bar: at most {BAR}) {verdict}")
    sys.exit(0 if worst <= BAR else 1)


if __name__ == "__main__":
    main()
