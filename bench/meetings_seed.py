"""Time the meetings demo at full scale: 30,000 contacts -> 5,000 meetings, and the meetings list.

Run by hand against a scratch database:
    DATABASE_URL=... SECRET_KEY=bench .venv/bin/python bench/meetings_seed.py
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")

import django

django.setup()

CONTACTS = 30_000
MEETINGS = 5_000
USERNAME = "bench-meetings"


def main() -> None:
    from django.conf import settings
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from accounts.models import User
    from contacts.demo import seed_network
    from meetings.demo import seed_meetings

    settings.ALLOWED_HOSTS = ["*"]
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    User.objects.filter(username=USERNAME).delete()
    user = User.objects.create_user(USERNAME, password=USERNAME)
    rng = random.Random(42)
    now = timezone.now()
    try:
        started = time.monotonic()
        with transaction.atomic():
            network = seed_network(user, count=CONTACTS, now=now, rng=rng)
        print(f"seed_network: {CONTACTS} contacts in {time.monotonic() - started:.2f}s")

        started = time.monotonic()
        with transaction.atomic(), CaptureQueriesContext(connection) as queries:
            _, meetings = seed_meetings(user, network, count=MEETINGS, now=now, rng=rng)
        print(f"seed_meetings: {len(meetings)} meetings in {time.monotonic() - started:.2f}s, {len(queries)} queries")

        client = Client()
        client.force_login(user)
        for show in ("upcoming", "waiting", "past", "all"):
            client.get(f"/meetings/?show={show}")  # warm up
            timings = []
            for _ in range(5):
                started = time.monotonic()
                with CaptureQueriesContext(connection) as queries:
                    response = client.get(f"/meetings/?show={show}&q=smith")
                timings.append(time.monotonic() - started)
                assert response.status_code == 200
            print(f"/meetings/?show={show}&q=smith: median {sorted(timings)[2] * 1000:.0f} ms, {len(queries)} queries")
        started = time.monotonic()
        response = client.get("/contacts/lookup/?q=ken wat")
        print(f"contact search-as-you-type over {CONTACTS}: {(time.monotonic() - started) * 1000:.0f} ms")
    finally:
        User.objects.filter(username=USERNAME).delete()


if __name__ == "__main__":
    main()
