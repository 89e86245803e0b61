"""Time one weekly-digest run across real Celery workers: 1,000 or 10,000 users.

    createdb nw_digest_bench && DATABASE_URL=postgres://.../nw_digest_bench manage.py migrate
    DATABASE_URL=postgres://.../nw_digest_bench REDIS_URL=redis://127.0.0.1:6379/2 SECRET_KEY=... \
      .venv/bin/python bench/digest_bench.py --users 10000 --workers 2

Use a scratch database and a Redis db of its own: every other user whose digest is
due now in that database is sent one too, and the workers take any task queued there.

Writes small networks in bulk (12 contacts, a search, 3 meetings, 5 follow-ups per
user; every bench user's digest is due all week), runs VACUUM ANALYZE on the tables it
writes (untimed, as autovacuum would have by then), starts an SMTP sink on loopback
(aiosmtpd, counting messages and writing nothing), starts ``--workers`` real Celery
worker processes (``celery worker -c 1`` each, prefork, through ``--worker`` below so
they can count their SQL), then queues the beat task ``send_weekly_digests`` and times
until every bench user's row is settled. The workers send through Django's SMTP backend
to the sink, so a message costs its build, its SMTP transaction and its commit.
``--workers 0`` runs ``send_weekly_digests`` in this process instead (the old single
process figure). Then the beat task fires again (it must find nothing), and the bench
users are removed (also before, if a previous run was interrupted).

The last line: ``digest: users=N seconds=S emails=E queries=Q`` (queries: every SQL
statement the workers ran for the run).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")

import django  # noqa: E402

django.setup()

import redis  # noqa: E402
from aiosmtpd.controller import Controller  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from contacts.models import Contact, Stage  # noqa: E402
from followups import reminders, tasks  # noqa: E402
from followups.models import FollowUp, FollowUpKind, FollowUpState, ReminderEmail, ReminderStatus  # noqa: E402
from meetings.models import Meeting, MeetingState, Search  # noqa: E402
from netweave.celery import app  # noqa: E402

ZONES = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo"]
PREFIX = "digest-bench-"
QUERIES_KEY = "digest-bench:queries"
SETTLED = [ReminderStatus.SENT, ReminderStatus.SKIPPED, ReminderStatus.FAILED]


def seed(users: int, contacts_per_user: int, now: dt.datetime) -> None:
    accounts = User.objects.bulk_create(
        [
            User(
                username=f"{PREFIX}{i}",
                email=f"{PREFIX}{i}@example.com",
                password=make_password(None),  # unusable
                time_zone=ZONES[i % len(ZONES)],
                # Due from Monday 00:00: every bench digest is due whenever the bench runs.
                weekly_digest_weekday=0,
                weekly_digest_hour=0,
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
                last_contacted_at=now - dt.timedelta(days=(j * 13) % 150),
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
                starts_at=now + dt.timedelta(days=1),
                scheduled_at=now - dt.timedelta(days=2),
            ),
            Meeting(
                owner=user,
                contact=people[1],
                search=search,
                state=MeetingState.HELD,
                held_at=now - dt.timedelta(days=6),
            ),
            Meeting(
                owner=user, contact=people[2], state=MeetingState.REQUESTED, requested_at=now - dt.timedelta(days=9)
            ),
        ]
        today = now.astimezone(ZoneInfo(user.time_zone)).date()
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
                done_at=now - dt.timedelta(days=7),
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


# Every table the bench writes: each run deletes its users, leaving their rows dead.
TABLES = (
    "accounts_user",
    "contacts_contact",
    "meetings_search",
    "meetings_meeting",
    "followups_followup",
    "followups_reminderemail",
)


def vacuum_analyze() -> None:
    """What autovacuum would have done on a live server by the time a digest runs.

    The development machines run Postgres with autovacuum off: without this, the dead
    rows of earlier runs pile up (360,000 contacts after three runs of 10,000 users) and
    each run is slower than the last (the third took 85 s, 55 s after a VACUUM).
    """
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f"VACUUM ANALYZE {table}")
    print(f"VACUUM ANALYZE of the bench's tables (untimed) in {time.perf_counter() - started:.1f}s")


class Sink:
    """An SMTP server that counts what it is given and keeps nothing."""

    def __init__(self) -> None:
        self.received = 0

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd's hook name)
        self.received += sum(1 for to in envelope.rcpt_tos if to.startswith(PREFIX))
        return "250 OK"


def worker(index: int) -> None:
    """One Celery worker process that adds every SQL statement it runs to a Redis counter."""
    from celery.signals import task_postrun
    from django.db.backends.signals import connection_created

    counter = redis.Redis.from_url(settings.REDIS_URL)
    ran = [0]
    shapes = os.environ.get("DIGEST_BENCH_SQL_LOG")

    def count(execute, sql, params, many, context):
        ran[0] += 1
        if shapes:
            with open(shapes, "a") as log:
                log.write(sql[:70].replace("\n", " ") + "\n")
        return execute(sql, params, many, context)

    def on_connect(sender, connection, **kwargs) -> None:
        if count not in connection.execute_wrappers:  # the same wrapper object reconnects after each task
            connection.execute_wrappers.append(count)

    def flush(**kwargs) -> None:
        counter.incrby(QUERIES_KEY, ran[0])
        ran[0] = 0

    connection_created.connect(on_connect, weak=False)
    task_postrun.connect(flush, weak=False)
    app.worker_main(
        ["worker", "-c", "1", "-P", "prefork", "-l", "warning", "-n", f"digest-bench-{index}@%h"]
        + ["--without-gossip", "--without-mingle", "--without-heartbeat"]
    )


def start_workers(count: int, port: int) -> list[subprocess.Popen]:
    env = {**os.environ, "EMAIL_URL": f"smtp://127.0.0.1:{port}", "NETWEAVE_TASKS_EAGER": "false"}
    procs = [
        subprocess.Popen([sys.executable, __file__, "--worker", str(i)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
        for i in range(count)
    ]
    deadline = time.monotonic() + 60
    while len(app.control.ping(timeout=1) or []) < count:
        if time.monotonic() > deadline:
            raise SystemExit("the workers did not start")
    return procs


def stop_workers(procs: list[subprocess.Popen]) -> None:
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def cpu_seconds(procs: list[subprocess.Popen]) -> float:
    """User + system CPU of the worker processes and their pool children so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    pids = [proc.pid for proc in procs]
    for pid in pids:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        pids += [int(child) for child in children.read_text().split()] if children.exists() else []
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def postgres_cpu_by_process() -> dict[int, float]:
    """User + system CPU so far of every Postgres process on this machine, by pid (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    seen: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            pid, rest = stat.read_text().split(" (", 1)
            name, rest = rest.rsplit(")", 1)
            if name.startswith("postgres"):
                fields = rest.split()
                seen[int(pid)] = (int(fields[11]) + int(fields[12])) / ticks
    return seen


class PostgresCpu:
    """Postgres CPU spent since ``start()``, process by process.

    Sampled at every poll, so a backend that exits during the run keeps what it spent up to
    its last sample, and one that exits with CPU spent before the start (this process's own
    connection after the VACUUM) does not take that away from the total.
    """

    def start(self) -> None:
        self.before = postgres_cpu_by_process()
        self.latest = dict(self.before)

    def sample(self) -> None:
        self.latest.update(postgres_cpu_by_process())

    def seconds(self) -> float:
        return sum(cpu - self.before.get(pid, 0.0) for pid, cpu in self.latest.items())


def own_cpu_seconds() -> float:
    """This process's CPU: the SMTP sink's share (it runs on a thread here) and the polling."""
    times = os.times()
    return times.user + times.system


def settled() -> int:
    return ReminderEmail.objects.filter(user__username__startswith=PREFIX, status__in=SETTLED).count()


def run_on_workers(users: int, workers: int, port: int, counter: redis.Redis) -> tuple[float, int]:
    procs = start_workers(workers, port)
    try:
        counter.delete(QUERIES_KEY)
        postgres = PostgresCpu()
        cpu, sink_cpu = cpu_seconds(procs), own_cpu_seconds()
        postgres.start()
        started = time.perf_counter()
        print("beat:", tasks.send_weekly_digests.apply_async(ignore_result=False).get(timeout=600))
        while settled() < users:
            postgres.sample()
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        postgres.sample()
        queries = int(counter.get(QUERIES_KEY) or 0)
        cpu = cpu_seconds(procs) - cpu
        sink_cpu, postgres_cpu = own_cpu_seconds() - sink_cpu, postgres.seconds()
        print(f"worker CPU: {cpu:.1f}s user+system, {cpu / users * 1000:.2f} ms per user (load-independent-ish)")
        # Where the machine's cores went while the run was timed (the sink and Postgres
        # share the same cores here; on a deployment they are other machines).
        print(
            f"CPU while timed: workers {cpu:.1f}s, SMTP sink and polling {sink_cpu:.1f}s, "
            f"Postgres {postgres_cpu:.1f}s, of {elapsed * (os.cpu_count() or 1):.1f} core-seconds"
        )
        second = tasks.send_weekly_digests.apply_async(ignore_result=False).get(timeout=600)
        print(f"second beat (fires again): {second}")
        return elapsed, queries
    finally:
        stop_workers(procs)


def run_here(port: int) -> tuple[float, int]:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = (
        "127.0.0.1",
        port,
        False,
        False,
    )
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = reminders.send_weekly_digests()
        elapsed = time.perf_counter() - started
    print(f"in-process run: {result.as_line()}")
    print(f"second run (fires again): {reminders.send_weekly_digests().as_line()}")
    return elapsed, len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=1000)
    parser.add_argument("--contacts", type=int, default=12, help="contacts per user")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes (0: in this process)")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.worker is not None:
        return worker(options.worker)

    settings.DEBUG = False
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every SMTP line
    counter = redis.Redis.from_url(settings.REDIS_URL)
    clean()
    started = time.perf_counter()
    seed(options.users, options.contacts, timezone.now())
    seeded = time.perf_counter() - started
    print(f"seeded {options.users} users x {options.contacts} contacts, 3 meetings, 5 follow-ups in {seeded:.1f}s")
    vacuum_analyze()
    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    smtp = Controller(sink, hostname="127.0.0.1", port=port)
    smtp.start()
    try:
        if options.workers:
            elapsed, queries = run_on_workers(options.users, options.workers, port, counter)
        else:
            elapsed, queries = run_here(port)
        by_status = dict(
            ReminderEmail.objects.filter(user__username__startswith=PREFIX)
            .values_list("status")
            .annotate(n=Count("pk"))
        )
        print(f"rows: {by_status}; {elapsed / max(sink.received, 1) * 1000:.2f} ms per email (wall)")
        print(f"digest: users={options.users} seconds={elapsed:.1f} emails={sink.received} queries={queries}")
    finally:
        smtp.stop(no_assert=True)
        clean()


if __name__ == "__main__":
    main()
