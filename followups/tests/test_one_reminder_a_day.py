"""One reminder email a day: on the day the week's digest goes out, it is that day's only email.

The daily gives way (its row settled as skipped, never sent) whichever hour and job come
first, and the digest says what the daily would have (``reminders.specs.DAILY.gives_way``).
"""

from __future__ import annotations

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

DENVER = ZoneInfo("America/Denver")
MONDAY = dt.date(2026, 12, 7)  # the default digest day
WEDNESDAY = MONDAY + dt.timedelta(days=2)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=DENVER)


def quarter_hours(day: dt.date) -> list[dt.datetime]:
    """Every beat tick of one local day."""
    return [local(day, 0) + dt.timedelta(minutes=15 * n) for n in range(96)]


def hours(day: dt.date) -> list[dt.datetime]:
    """A tick on every local hour: enough where only the hour is in question."""
    return quarter_hours(day)[::4]


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().strip()


def kinds_sent() -> list[str]:
    return [str(message.extra_headers["Message-ID"]).split(".")[1] for message in mail.outbox]


def statuses() -> dict[str, str]:
    return dict(ReminderEmail.objects.values_list("kind", "status"))


@pytest.fixture
def in_denver(alice):
    alice.time_zone = "America/Denver"
    alice.save()
    return alice


def test_on_digest_day_the_command_sends_the_digest_alone_and_it_lists_what_the_daily_would_have(in_denver):
    for n in range(17):
        FollowUpFactory(owner=in_denver, title=f"Overdue by {n + 1} days", due_on=MONDAY - dt.timedelta(days=n + 1))
    for day in range(3):
        MeetingFactory(owner=in_denver, state=MeetingState.SCHEDULED, starts_at=local(MONDAY + dt.timedelta(day), 12))

    # 08:05 in Denver: both the daily (08:00) and the digest (Monday 08:00) are due.
    assert run("--kind", "all", "--now", "2026-12-07T15:05:00+00:00") == "sent=1 skipped=1 failed=0"

    [digest] = mail.outbox
    assert kinds_sent() == ["weekly"]
    assert digest.subject == "Your week from 7 Dec: 3 meetings, 17 overdue follow-ups"
    assert "Today: 17 overdue follow-ups." in digest.body
    assert digest.body.count("Mark done:") == 10  # the daily's ten, oldest first
    assert "Overdue by 17 days" in digest.body and "Overdue by 8 days" in digest.body
    assert statuses() == {ReminderKind.DAILY: ReminderStatus.SKIPPED, ReminderKind.WEEKLY: ReminderStatus.SENT}

    # The rest of the day's beat ticks find both settled.
    for now in quarter_hours(MONDAY)[33:]:
        assert run("--kind", "all", "--now", now.isoformat()) == "sent=0 skipped=0 failed=0"
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("first", [ReminderKind.DAILY, ReminderKind.WEEKLY])
@pytest.mark.parametrize(("daily_hour", "digest_hour"), [(7, 8), (8, 8), (18, 8)])
def test_on_digest_day_only_the_digest_goes_out_whichever_hour_and_job_come_first(
    in_denver, daily_hour, digest_hour, first
):
    in_denver.daily_reminder_hour, in_denver.weekly_digest_hour = daily_hour, digest_hour
    in_denver.save()
    FollowUpFactory(owner=in_denver, due_on=MONDAY - dt.timedelta(days=2))
    FollowUpFactory(owner=in_denver, due_on=MONDAY)
    jobs = [first, ReminderKind.WEEKLY if first == ReminderKind.DAILY else ReminderKind.DAILY]

    for now in hours(MONDAY):
        for kind in jobs:
            reminders.send_reminders(kind, now=now)

    assert kinds_sent() == ["weekly"]
    assert statuses() == {ReminderKind.DAILY: ReminderStatus.SKIPPED, ReminderKind.WEEKLY: ReminderStatus.SENT}
    digest = ReminderEmail.objects.get(kind=ReminderKind.WEEKLY)
    assert digest.sent_at and digest.sent_at.astimezone(DENVER).hour == digest_hour
    assert "Today: 1 follow-up due, 1 overdue." in mail.outbox[0].body


@pytest.mark.parametrize(
    ("daily", "digest", "sent"),
    [(True, True, ["weekly"]), (True, False, ["daily"]), (False, True, ["weekly"]), (False, False, [])],
)
def test_on_digest_day_the_daily_gives_way_only_to_a_digest_that_is_switched_on(in_denver, daily, digest, sent):
    in_denver.daily_reminder_enabled, in_denver.weekly_digest_enabled = daily, digest
    in_denver.save()
    FollowUpFactory(owner=in_denver, due_on=MONDAY)

    for now in hours(MONDAY):
        run("--now", now.isoformat())

    assert kinds_sent() == sent


@pytest.mark.parametrize(
    ("status", "attempts"),
    [(ReminderStatus.SENT, 1), (ReminderStatus.SKIPPED, 1), (ReminderStatus.FAILED, reminders.MAX_ATTEMPTS)],
)
def test_a_digest_settled_on_an_earlier_day_leaves_a_later_digest_day_to_the_daily(in_denver, status, attempts):
    # Monday's digest went out (or had nothing to say, or gave up); then she moved her digest to Wednesday.
    ReminderEmail.objects.create(
        user=in_denver,
        kind=ReminderKind.WEEKLY,
        period=MONDAY,
        status=status,
        claimed_at=local(MONDAY, 8),
        attempts=attempts,
    )
    in_denver.weekly_digest_weekday = WEDNESDAY.weekday()
    in_denver.save()
    FollowUpFactory(owner=in_denver, due_on=WEDNESDAY)

    for now in hours(WEDNESDAY):
        run("--now", now.isoformat())

    assert kinds_sent() == ["daily"]
    daily = ReminderEmail.objects.get(kind=ReminderKind.DAILY)
    assert daily.sent_at and daily.sent_at.astimezone(DENVER).hour == 8


def test_a_digest_that_failed_this_morning_is_still_the_days_one_email_once_it_is_retried(
    in_denver, settings, smtp_server
):
    mailbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens on port 1
    in_denver.daily_reminder_hour = 9
    in_denver.save()
    FollowUpFactory(owner=in_denver, due_on=MONDAY)

    assert run("--now", local(MONDAY, 8).isoformat()) == "sent=0 skipped=0 failed=1"
    settings.EMAIL_PORT = port
    # The daily (09:00) gives way to the digest still to go out today, which the same run retries.
    assert run("--now", local(MONDAY, 9).isoformat()) == "sent=1 skipped=1 failed=0"

    [digest] = mailbox.messages
    assert digest["Message-ID"].startswith("<netweave.weekly.")
    assert statuses() == {ReminderKind.DAILY: ReminderStatus.SKIPPED, ReminderKind.WEEKLY: ReminderStatus.SENT}


def test_a_digest_caught_up_later_in_the_week_is_that_days_one_email_and_the_next_day_is_the_dailys(in_denver):
    # She signed up on Wednesday: this week's Monday digest never went out.
    in_denver.daily_reminder_hour = 7
    in_denver.save()
    FollowUpFactory(owner=in_denver, due_on=WEDNESDAY - dt.timedelta(days=1))  # overdue every day

    for now in hours(WEDNESDAY) + hours(WEDNESDAY + dt.timedelta(days=1)):
        run("--now", now.isoformat())

    assert kinds_sent() == ["weekly", "daily"]
    sent = ReminderEmail.objects.filter(status=ReminderStatus.SENT).order_by("sent_at")
    assert [(row.kind, row.sent_at and row.sent_at.astimezone(DENVER)) for row in sent] == [
        (ReminderKind.WEEKLY, local(WEDNESDAY, 8)),
        (ReminderKind.DAILY, local(WEDNESDAY + dt.timedelta(days=1), 7)),
    ]
    assert ReminderEmail.objects.get(kind=ReminderKind.DAILY, period=WEDNESDAY).status == ReminderStatus.SKIPPED


def test_the_preferences_page_says_the_digest_replaces_that_days_daily(alice_client):
    page = alice_client.get(reverse("accounts:preferences")).content.decode()

    assert "on the day the digest goes out, it replaces the daily reminder" in page
    assert "Not on the day your weekly digest goes out" in page
