"""Exactly once, proven on the real stack: concurrent runs, a second beat tick, and kill -9.

These tests commit to the real Postgres test database (transactional_db) so that
other threads and processes, each with their own connection, see the same rows.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, connections

from accounts.tests.factories import UserFactory
from conftest import NOW
from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory, daily_only

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

ROOT = Path(__file__).resolve().parents[2]


def _users_with_something_due(count: int) -> list[str]:
    users = [UserFactory() for _ in range(count)]
    daily_only(*users)  # these runs send the daily: it is theirs every day
    for user in users:
        FollowUpFactory(owner=user, due_on=NOW.date())
    return sorted(u.email for u in users)


def _command_env(smtp_port: int) -> dict[str, str]:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}{password}@{host}/{db['NAME']}",
        "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        "EMAIL_TIMEOUT": "60",
        "SITE_URL": "http://testserver",
        "SECRET_KEY": settings.SECRET_KEY,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
    }


def _send_reminders(smtp_port: int, now: dt.datetime, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", "--kind", "daily", "--now", now.isoformat(), *extra],
        cwd=ROOT,
        env=_command_env(smtp_port),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_workers_running_at_the_same_moment_send_each_email_once():
    addresses = _users_with_something_due(20)
    start = threading.Barrier(2)
    results = []

    def worker() -> None:
        try:
            start.wait()
            results.append(reminders.send_daily_reminders(now=NOW, batch_size=5))
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(m.to[0] for m in mail.outbox) == addresses
    assert sum(r.sent for r in results) == 20
    assert ReminderEmail.objects.filter(status=ReminderStatus.SENT).count() == 20


def test_two_commands_running_at_the_same_time_deliver_each_email_once(smtp_server):
    mailbox, port = smtp_server
    addresses = _users_with_something_due(12)

    runs = [_send_reminders(port, NOW, "--batch-size", "3") for _ in range(2)]
    outputs = [run.communicate(timeout=90) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(m["To"] for m in mailbox.messages) == addresses
    lines = [out.strip().splitlines()[-1] for out, _ in outputs]
    assert sum(int(line.split()[0].removeprefix("sent=")) for line in lines) == 12
    assert all(line.endswith("failed=0") for line in lines)


def test_a_rerun_after_a_worker_is_killed_mid_batch_ends_with_exactly_one_email_each(smtp_server):
    mailbox, port = smtp_server
    addresses = _users_with_something_due(6)
    mailbox.stall_after = 3  # the server accepts three emails, then hangs on the fourth

    worker = _send_reminders(port, NOW)
    assert mailbox.data_started.wait(timeout=60), (
        worker.stderr.read() if worker.stderr and worker.poll() is not None else ""
    )
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=10)
    assert worker.returncode == -signal.SIGKILL

    statuses = Counter(ReminderEmail.objects.values_list("status", flat=True))
    assert statuses == {ReminderStatus.SENT: 3, ReminderStatus.SENDING: 3}
    mailbox.stall_after = None

    # Right away, the dead worker's claims still look live: nothing is sent twice.
    rerun = _send_reminders(port, NOW + dt.timedelta(minutes=5))
    assert rerun.communicate(timeout=60)[0].strip() == "sent=0 skipped=0 failed=0"

    # After the stale-claim timeout, a later run takes the stranded rows over.
    later = _send_reminders(port, NOW + reminders.STALE_CLAIM_AFTER + dt.timedelta(minutes=1))
    assert later.communicate(timeout=60)[0].strip() == "sent=3 skipped=0 failed=0"

    assert sorted(m["To"] for m in mailbox.messages) == addresses
    assert Counter(m["To"] for m in mailbox.messages).most_common(1)[0][1] == 1
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderStatus.SENT}


def test_a_reminder_delivered_through_a_real_smtp_server_reads_back_whole(smtp_settings, alice):
    daily_only(alice)
    FollowUpFactory(owner=alice, title="Thank Ken for the coffee", due_on=NOW.date())

    result = reminders.send_daily_reminders(now=NOW)

    assert result.sent == 1
    [message] = smtp_settings.messages
    assert message["To"] == "alice@example.com"
    assert message["Subject"] == "1 follow-up due today"
    assert message["List-Unsubscribe"].strip().startswith("<http://testserver/followups/email/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Message-ID"] == f"<netweave.daily.20260304.{alice.pk}@testserver>"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Thank Ken for the coffee" in text and "Thank Ken for the coffee" in html
    assert "http://testserver/followups/email/act/" in html
    assert ReminderEmail.objects.get(user=alice, kind=ReminderKind.DAILY).status == ReminderStatus.SENT
