"""Reminder emails, exactly once: the daily reminder and the weekly digest.

The package in four steps, one module each, driven by one declared spec per email
kind (``specs.py``: its preference flag, due condition, period, contents, template,
and whether an empty one is skipped):

- ``due.py``: which users' email is due now, in their own time zone;
- ``claims.py``: claiming one row per (user, kind, period) before anything is sent;
- ``contents.py``: what each email says, built for a whole batch at once;
- ``delivery.py``: building, sending and marking each email, and the run itself.

How a run works (the beat tasks and ``manage.py send_reminders`` call the same code; the
command walks the batches itself, the beat task fans them out as a Celery ``group`` of
``send_batch`` tasks, one per ``BATCH_SIZE`` users, so every worker sends at once):

1. Find the users whose email is due now in their own time zone: the daily
   reminder from ``daily_reminder_hour`` until the end of their local day, the
   digest from ``weekly_digest_weekday`` at ``weekly_digest_hour`` until the end of
   their local week, and on a later day of that week (caught up) only from the digest
   hour on, never in the middle of the user's night. Users who already have a settled
   row for the period, or for a later one (they moved their time zone west), are left out.
   One reminder email a day: on a day the week's digest goes out (its weekday, or a later
   day while it is still to go out), the digest is that day's email and the daily gives
   way (``ReminderSpec.gives_way``, decided in the same query): its row is claimed like
   any other and settled as skipped, never sent. The digest says what the daily would
   have (what is due today and overdue, and at least the daily's list). The other way
   round, a digest that becomes due after that day's daily went out (switched on, or its
   day moved back) waits for the next day at its hour (``specs._weekly_due``).
2. For a batch of them, claim: ``INSERT ... ON CONFLICT DO NOTHING`` one
   ``ReminderEmail`` per (user, kind, period) carrying this batch's random token,
   then a conditional ``UPDATE`` that takes over rows that failed earlier or whose
   claim went stale. Only rows carrying our token are ours to send. A second beat
   tick, a second worker or a second command hits the unique constraint and
   finds nothing to send.
3. Build every email of the batch from a fixed number of queries. An email with
   nothing to say, or one that gave way, is not sent: its row is marked skipped, so
   the period is settled and never retried. Send each of the others, and mark it
   sent (or failed) right after its own send. An email that cannot even be built (an
   address Django refuses) is marked failed on its own; the rest of the batch goes on.

Why one UPDATE per delivered email: marking a whole batch at the end would mean a
worker killed mid-batch leaves already-delivered rows looking unsent, and the
next run would send them again. Marking each row right after its SMTP
transaction narrows the window of doubt to the single message in flight. By
default that UPDATE waits for Postgres's flush to disk; an operator who prefers speed
can turn the wait off (``NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK``, ``claims.mark_sent``):
a killed worker's marks are still in the server, but a crash of Postgres itself can
then lose the last fraction of a second of them, and those rows are taken over as
stale and sent again.

Stale claims and ``kill -9``: a claimed row whose worker died stays "sending".
After ``STALE_CLAIM_AFTER`` (the ``NETWEAVE_STALE_CLAIM_MINUTES`` setting, 30 by
default) another run takes it over and sends it. A live worker never races that
takeover: it stops sending its batch once its claim is half that age and hands the
rest back as failed (retried next run).
The one remaining risk is a message the SMTP server accepted in the instant
before the worker died, before the row was marked: that single message can go out
twice. We accept that over stranding rows forever (which would silently lose the
reminder), and give every reminder a deterministic Message-ID per (user, kind,
period) so mail clients that de-duplicate by Message-ID show it once.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings

# The run's limits live here, on the package, and the modules read them at call time
# (``tunables.STALE_CLAIM_AFTER``), so that one assignment (a test, a bench) changes them
# everywhere at once.
BATCH_SIZE = 100
STALE_CLAIM_AFTER = timedelta(minutes=settings.NETWEAVE_STALE_CLAIM_MINUTES)
# A send that keeps failing (a mailbox that refuses mail) stops being retried after this
# many attempts in its period; it stays visible as failed in the admin and on the preferences page.
MAX_ATTEMPTS = 5

from .claims import claim  # noqa: E402
from .contents import daily_contents, weekly_contents  # noqa: E402
from .delivery import (  # noqa: E402
    SendResult,
    build_message,
    due_batches,
    send_batch,
    send_daily_reminders,
    send_reminders,
    send_weekly_digests,
)
from .due import due_users  # noqa: E402
from .status import delivery_status, unsubscribe  # noqa: E402

__all__ = [
    "BATCH_SIZE",
    "MAX_ATTEMPTS",
    "STALE_CLAIM_AFTER",
    "SendResult",
    "build_message",
    "claim",
    "daily_contents",
    "delivery_status",
    "due_batches",
    "due_users",
    "send_batch",
    "send_daily_reminders",
    "send_reminders",
    "send_weekly_digests",
    "unsubscribe",
    "weekly_contents",
]
