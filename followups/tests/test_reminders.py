"""Daily reminders and weekly digests: who gets what, when, and never twice."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.tests.factories import UserFactory
from conftest import NOW
from contacts.models import Stage
from contacts.tests.factories import ContactFactory
from followups import reminders
from followups.models import FollowUpKind, FollowUpState, ReminderEmail, ReminderKind, ReminderStatus
from followups.tests.factories import FollowUpFactory, daily_only
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TODAY = NOW.date()  # Wednesday 4 March 2026; NOW is 10:30 UTC
MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int, minute: int = 0, zone: str = "UTC") -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))


# --- Daily ----------------------------------------------------------------------------


def test_the_daily_reminder_lists_what_is_due_and_goes_only_to_the_user(alice):
    daily_only(alice)
    FollowUpFactory(owner=alice, title="Thank Ken", due_on=TODAY)
    FollowUpFactory(owner=alice, title="Send Rita the article", due_on=TODAY - dt.timedelta(days=2))
    FollowUpFactory(owner=alice, title="Later", due_on=TODAY + dt.timedelta(days=2))

    result = reminders.send_daily_reminders(now=NOW)

    assert (result.sent, result.skipped, result.failed) == (1, 0, 0)
    [message] = mail.outbox
    assert message.to == ["alice@example.com"] and not message.cc and not message.bcc
    assert message.subject == "1 follow-up due today, 1 overdue"
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Thank Ken" in part and "Send Rita the article" in part and "Later" not in part
        assert "http://testserver/followups/email/act/" in part
    assert "overdue 2 days" in message.body
    row = ReminderEmail.objects.get()
    assert (row.kind, row.period, row.status, row.item_count) == (ReminderKind.DAILY, TODAY, ReminderStatus.SENT, 2)


def test_the_daily_reminder_carries_one_click_unsubscribe_headers(alice):
    daily_only(alice)
    FollowUpFactory(owner=alice, due_on=TODAY)

    reminders.send_daily_reminders(now=NOW)

    [message] = mail.outbox
    headers = message.extra_headers
    assert headers["List-Unsubscribe"].startswith("<http://testserver/followups/email/unsubscribe/")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert headers["List-Unsubscribe"][1:-1] in message.body
    assert headers["Message-ID"] == f"<netweave.daily.20260304.{alice.pk}@testserver>"


def test_a_second_run_the_same_day_sends_nothing(alice):
    daily_only(alice)
    FollowUpFactory(owner=alice, due_on=TODAY)

    reminders.send_daily_reminders(now=NOW)
    again = reminders.send_daily_reminders(now=NOW + dt.timedelta(hours=5))

    assert (again.sent, again.skipped, again.failed) == (0, 0, 0)
    assert len(mail.outbox) == 1


def test_nothing_goes_out_before_the_users_local_hour(alice):
    daily_only(alice)
    alice.time_zone, alice.daily_reminder_hour = "America/New_York", 8
    alice.save()
    FollowUpFactory(owner=alice, due_on=TODAY)

    assert reminders.send_daily_reminders(now=at(TODAY, 7, 59, "America/New_York")).sent == 0
    assert reminders.send_daily_reminders(now=at(TODAY, 8, 0, "America/New_York")).sent == 1
    assert not ReminderEmail.objects.exclude(status=ReminderStatus.SENT).exists()


def test_with_nothing_due_no_email_goes_out_and_the_day_is_settled(alice):
    FollowUpFactory(owner=alice, due_on=TODAY + dt.timedelta(days=1))
    FollowUpFactory(owner=alice, due_on=TODAY, snoozed_until=TODAY + dt.timedelta(days=2))
    FollowUpFactory(owner=alice, due_on=TODAY, state=FollowUpState.DONE)

    result = reminders.send_daily_reminders(now=NOW)

    assert (result.sent, result.skipped) == (0, 1)
    assert mail.outbox == []
    assert ReminderEmail.objects.get().status == ReminderStatus.SKIPPED


def test_switched_off_or_without_an_address_nobody_is_emailed(alice, bob):
    alice.daily_reminder_enabled = False
    alice.save()
    bob.email = ""
    bob.save()
    FollowUpFactory(owner=alice, due_on=TODAY)
    FollowUpFactory(owner=bob, due_on=TODAY)

    assert reminders.send_daily_reminders(now=NOW).sent == 0
    assert mail.outbox == []


def test_each_user_gets_only_their_own_follow_ups(alice, bob):
    daily_only(alice, bob)
    FollowUpFactory(owner=alice, title="Alice's thank-you", due_on=TODAY)
    FollowUpFactory(owner=bob, title="Bob's promise", due_on=TODAY)

    reminders.send_daily_reminders(now=NOW)

    by_address = {m.to[0]: m.body for m in mail.outbox}
    assert "Alice's thank-you" in by_address["alice@example.com"]
    assert "Bob's promise" not in by_address["alice@example.com"]
    assert "Alice's thank-you" not in by_address["bob@example.com"]


@pytest.mark.parametrize(
    ("first_day", "change"),
    [(dt.date(2026, 3, 6), "spring forward on 8 March"), (dt.date(2026, 10, 30), "fall back on 1 November")],
)
def test_across_a_daylight_saving_change_the_daily_reminder_goes_out_once_at_the_local_hour(alice, first_day, change):
    daily_only(alice)
    alice.time_zone, alice.daily_reminder_hour = "America/New_York", 8
    alice.save()
    FollowUpFactory(owner=alice, due_on=first_day - dt.timedelta(days=1))  # stays overdue, so every day has one
    start = at(first_day, 0, zone="America/New_York")

    # Beat fires every 15 minutes for five days.
    for step in range(5 * 24 * 4):
        reminders.send_daily_reminders(now=start + dt.timedelta(minutes=15 * step))

    rows = list(ReminderEmail.objects.order_by("period"))
    assert all(row.sent_at for row in rows)
    local_sends = [row.sent_at.astimezone(ZoneInfo("America/New_York")) for row in rows if row.sent_at]
    assert [row.period for row in rows] == [first_day + dt.timedelta(days=n) for n in range(5)], change
    assert {(t.hour, t.minute) for t in local_sends} == {(8, 0)}, change
    assert len(mail.outbox) == 5


# --- Weekly ---------------------------------------------------------------------------


def test_the_weekly_digest_is_due_from_the_users_weekday_and_hour_until_the_end_of_the_week(alice):
    # Default: Monday 08:00 local. A run on Wednesday (NOW) sends the week's digest once.
    FollowUpFactory(owner=alice, due_on=MONDAY)  # something to say: an empty digest is not sent
    assert reminders.send_weekly_digests(now=at(MONDAY, 7, 59)).sent == 0
    assert reminders.send_weekly_digests(now=NOW).sent == 1
    assert reminders.send_weekly_digests(now=at(MONDAY + dt.timedelta(days=6), 23, 59)).sent == 0
    assert reminders.send_weekly_digests(now=at(MONDAY + dt.timedelta(days=7), 7)).sent == 0
    assert reminders.send_weekly_digests(now=at(MONDAY + dt.timedelta(days=7), 8)).sent == 1

    assert list(ReminderEmail.objects.order_by("period").values_list("period", flat=True)) == [
        MONDAY,
        MONDAY + dt.timedelta(days=7),
    ]


def test_a_digest_set_for_friday_is_not_due_on_wednesday(alice):
    alice.weekly_digest_weekday = 4
    alice.save()
    FollowUpFactory(owner=alice, due_on=MONDAY)  # something to say: an empty digest is not sent

    assert reminders.send_weekly_digests(now=NOW).sent == 0
    assert reminders.send_weekly_digests(now=at(dt.date(2026, 3, 6), 8)).sent == 1


def test_the_digest_has_the_week_the_overdue_the_reports_the_cold_and_last_weeks_progress(alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Ng")
    MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=at(TODAY, 15))
    MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=at(MONDAY - dt.timedelta(days=3), 9))
    FollowUpFactory(owner=alice, title="Overdue thank-you", due_on=TODAY - dt.timedelta(days=3))
    FollowUpFactory(owner=alice, title="Friday promise", kind=FollowUpKind.PROMISE, due_on=dt.date(2026, 3, 6))
    FollowUpFactory(owner=alice, title="Next week", due_on=dt.date(2026, 3, 10))
    done_on_time = FollowUpFactory(owner=alice, kind=FollowUpKind.THANK_YOU, due_on=dt.date(2026, 2, 25))
    done_on_time.state, done_on_time.done_at = FollowUpState.DONE, at(dt.date(2026, 2, 24), 18)
    done_on_time.save()
    ContactFactory(
        owner=alice,
        given_name="Cora",
        family_name="Cold",
        stage=Stage.ALLY,
        last_contacted_at=NOW - dt.timedelta(days=90),
    )
    from meetings.tests.factories import SearchFactory

    search = SearchFactory(owner=alice, title="Product roles")
    FollowUpFactory(owner=alice, search=search, state=FollowUpState.PROPOSED, kind=FollowUpKind.OUTCOME_REPORT)

    reminders.send_weekly_digests(now=NOW)

    [message] = mail.outbox
    assert message.subject == "Your week from 2 Mar: 1 meeting, 1 follow-up due, 1 overdue"
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Ken Ng" in part
        assert "Overdue thank-you" in part and "Friday promise" in part and "Next week" not in part
        assert "Product roles" in part
        assert "Cora Cold" in part
        assert f"http://testserver/followups/searches/{search.pk}/outcome-reports/" in part
    assert "Meetings held: 1" in message.body
    assert "Thank-yous sent on time: 1 of 1" in message.body


# --- Failures, retries and claims -----------------------------------------------------


def test_an_smtp_outage_leaves_rows_failed_and_a_later_run_sends_them(alice, bob, settings, smtp_server):
    mailbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2  # nothing listens on port 1
    daily_only(alice, bob)
    FollowUpFactory(owner=alice, due_on=TODAY)
    FollowUpFactory(owner=bob, due_on=TODAY)

    down = reminders.send_daily_reminders(now=NOW)

    assert (down.sent, down.failed) == (0, 2)
    assert set(ReminderEmail.objects.values_list("status", flat=True)) == {ReminderStatus.FAILED}
    failed = ReminderEmail.objects.first()
    assert failed is not None and "Could not connect" in failed.last_error

    settings.EMAIL_PORT = port
    up = reminders.send_daily_reminders(now=NOW + dt.timedelta(minutes=15))

    assert (up.sent, up.failed) == (2, 0)
    assert sorted(m["To"] for m in mailbox.messages) == ["alice@example.com", "bob@example.com"]
    assert set(ReminderEmail.objects.values_list("status", "attempts")) == {(ReminderStatus.SENT, 2)}


def test_failed_rows_are_shown_in_the_admin(admin_client, alice):
    ReminderEmail.objects.create(
        user=alice,
        kind=ReminderKind.DAILY,
        period=TODAY,
        status=ReminderStatus.FAILED,
        attempts=1,
        last_error="Connection refused",
    )

    response = admin_client.get("/admin/followups/reminderemail/?status__exact=failed")

    assert response.status_code == 200
    assert "Connection refused" in response.content.decode()
    assert "Failed, will retry" in response.content.decode()


def test_a_fresh_claim_by_another_run_is_left_alone_and_a_stale_one_is_taken_over(alice):
    daily_only(alice)
    FollowUpFactory(owner=alice, due_on=TODAY)
    row = ReminderEmail.objects.create(
        user=alice,
        kind=ReminderKind.DAILY,
        period=TODAY,
        status=ReminderStatus.SENDING,
        claim_token="someone-else",
        claimed_at=NOW - dt.timedelta(minutes=10),
        attempts=1,
    )

    assert reminders.send_daily_reminders(now=NOW).sent == 0

    taken_over = reminders.send_daily_reminders(now=NOW + dt.timedelta(minutes=25))

    assert taken_over.sent == 1
    row.refresh_from_db()
    assert (row.status, row.attempts) == (ReminderStatus.SENT, 2)


def test_a_worker_whose_batch_runs_too_long_hands_the_rest_back_instead_of_racing_a_takeover(alice, monkeypatch):
    daily_only(alice)
    FollowUpFactory(owner=alice, due_on=TODAY)
    monkeypatch.setattr(reminders, "STALE_CLAIM_AFTER", dt.timedelta(0))

    result = reminders.send_daily_reminders(now=NOW)

    assert (result.sent, result.failed) == (0, 1)
    assert mail.outbox == []
    assert ReminderEmail.objects.get().status == ReminderStatus.FAILED


# --- Scale ----------------------------------------------------------------------------


def _users_with_something_due(count: int) -> None:
    for _ in range(count):
        user = UserFactory()
        FollowUpFactory(owner=user, due_on=TODAY)
        ContactFactory(owner=user, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=60))
        MeetingFactory(owner=user, state=MeetingState.SCHEDULED, starts_at=at(TODAY, 16))


@pytest.mark.parametrize("users", [3, 30])
@pytest.mark.parametrize("kind", [ReminderKind.DAILY, ReminderKind.WEEKLY])
def test_a_batch_is_planned_claimed_and_built_in_the_same_number_of_queries_for_3_or_30_users(
    users, kind, django_assert_max_num_queries
):
    _users_with_something_due(users)
    # Time zones in use (1), the due users (1), claim: insert + take-over update + select (3),
    # then the contents: daily 2 (follow-ups, today's meetings); weekly 7 (follow-ups, meetings,
    # outcome reports, going cold, held, referrals, thank-yous).
    with django_assert_max_num_queries(5 + (2 if kind == ReminderKind.DAILY else 7)):
        batch = list(reminders.due_users(kind, NOW))
        rows = reminders.claim(kind, batch, NOW)
        contents = (reminders.daily_contents if kind == ReminderKind.DAILY else reminders.weekly_contents)(
            [row.user for row in rows], NOW
        )
        for row in rows:
            reminders.build_message(row, contents[row.user_id])
    assert len(rows) == users


@pytest.mark.parametrize("users", [3, 30])
def test_a_whole_run_costs_a_fixed_number_of_queries_plus_one_commit_per_email(users):
    _users_with_something_due(users)

    with CaptureQueriesContext(connection) as queries:
        result = reminders.send_weekly_digests(now=NOW)

    # The fixed part (12, as above, plus the empty next batch) and exactly one mark per
    # delivered email: the commit point that keeps a kill -9 from ever resending a whole batch
    # (``claims.mark_sent``).
    marks = [q for q in queries.captured_queries if "SET \"status\" = 'sent'" in q["sql"]]
    assert result.sent == users
    assert len(marks) == users
    assert (
        ReminderEmail.objects.filter(status=ReminderStatus.SENT, claim_token="", item_count=1, sent_at=NOW).count()
        == users
    )
    assert len(queries) - users <= 13


@pytest.mark.parametrize("users", [3, 30])
def test_one_fanned_out_batch_costs_a_fixed_number_of_queries_plus_one_commit_per_email(users):
    _users_with_something_due(users)
    (ids,) = reminders.due_batches(ReminderKind.WEEKLY, NOW)

    with CaptureQueriesContext(connection) as queries:
        result = reminders.send_batch(ReminderKind.WEEKLY, ids, now=NOW)

    # Time zones (1), the batch's users still due (1), claim (3), contents (7), then one
    # UPDATE per delivered email (the kill -9 commit point).
    assert result.sent == users
    assert len(queries) - users == 12


def test_a_send_that_keeps_failing_stops_being_retried_after_five_attempts(alice):
    FollowUpFactory(owner=alice, due_on=TODAY)
    ReminderEmail.objects.create(
        user=alice,
        kind=ReminderKind.DAILY,
        period=TODAY,
        status=ReminderStatus.FAILED,
        attempts=reminders.MAX_ATTEMPTS,
        last_error="Mailbox unavailable",
    )

    assert reminders.send_daily_reminders(now=NOW).sent == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("wait_for_disk", "prefix"), [(False, "SET LOCAL synchronous_commit TO OFF; UPDATE"), (True, "UPDATE")]
)
def test_the_sent_mark_waits_for_the_disk_only_when_told_to(alice, settings, wait_for_disk, prefix):
    settings.NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK = wait_for_disk
    daily_only(alice)
    FollowUpFactory(owner=alice, due_on=TODAY)

    with CaptureQueriesContext(connection) as queries:
        assert reminders.send_daily_reminders(now=NOW).sent == 1

    [mark] = [q["sql"] for q in queries.captured_queries if "SET \"status\" = 'sent'" in q["sql"]]
    assert mark.startswith(prefix)
    row = ReminderEmail.objects.get(user=alice)
    assert (row.status, row.sent_at, row.claim_token, row.item_count) == (ReminderStatus.SENT, NOW, "", 1)
