"""What the reminder emails say: short, most urgent first, every part capped and linked."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.template.loader import get_template

from accounts.tests.factories import UserFactory
from conftest import NOW
from contacts.models import Stage
from contacts.tests.factories import ContactFactory
from followups import reminders
from followups.models import FollowUpKind, FollowUpState, ReminderKind
from followups.reminders.specs import SPECS
from followups.tests.factories import FollowUpFactory, daily_only
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

pytestmark = pytest.mark.django_db

TODAY = NOW.date()  # Wednesday 4 March 2026, 10:30 UTC
MONDAY = dt.date(2026, 3, 2)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def html(message) -> str:
    return message.alternatives[0][0]


def test_every_email_kind_is_one_declared_spec_with_its_template_triplet():
    assert set(SPECS) == set(ReminderKind.values)
    for spec in SPECS.values():
        assert spec.skip_when_empty
        for part in ("subject.txt", "body.txt", "body.html"):
            get_template(f"emails/{spec.template}_{part}")


def test_the_daily_shows_the_ten_most_urgent_then_how_many_more_with_a_link(alice, settings):
    daily_only(alice)
    settings.SITE_URL = "https://netweave.example.org"
    FollowUpFactory(owner=alice, title="Due today", due_on=TODAY)
    for days in range(1, 13):
        FollowUpFactory(owner=alice, title=f"Overdue {days} days", due_on=TODAY - dt.timedelta(days=days))

    reminders.send_daily_reminders(now=NOW)

    [message] = mail.outbox
    for part in (message.body, html(message)):
        listed = [f"Overdue {days} days" for days in range(12, 2, -1)]  # the ten oldest, oldest first
        positions = [part.index(title) for title in listed]
        assert positions == sorted(positions)
        assert "Overdue 2 days" not in part and "Due today" not in part
        assert "https://netweave.example.org/followups/" in part
    assert "...and 3 more: https://netweave.example.org/followups/" in message.body
    assert "And 3 more" in html(message)


def test_the_daily_lists_todays_meetings_and_goes_out_for_a_meeting_alone(alice):
    daily_only(alice)
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=at(TODAY, 15))
    MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=at(TODAY + dt.timedelta(days=1), 9))

    result = reminders.send_daily_reminders(now=NOW)

    assert result.sent == 1
    [message] = mail.outbox
    assert message.subject == "Today: 1 meeting"
    assert "15:00" in message.body and "09:00" not in message.body
    assert "/meetings/" in message.body and "/prep/" in message.body


def test_the_digest_caps_each_part_at_five_and_links_to_its_page(alice):
    for n in range(7):
        MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=at(TODAY, 9 + n))
    for n in range(8):  # due later this week: the daily's list (overdue and today) is not this cap
        FollowUpFactory(owner=alice, title=f"Task {n}", due_on=TODAY + dt.timedelta(days=1 + n % 4))
    for n in range(8):
        ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=40 + n))
    for n in range(6):
        search = SearchFactory(owner=alice, title=f"Search {n}")
        FollowUpFactory(owner=alice, search=search, state=FollowUpState.PROPOSED, kind=FollowUpKind.OUTCOME_REPORT)

    reminders.send_weekly_digests(now=NOW)

    [message] = mail.outbox
    body = html(message)
    assert body.count("Prep sheet") == 5 and "http://testserver/meetings/" in body
    assert body.count("Mark done") == 5 and "And 3 more" in body
    assert body.count("Last in touch") == 5 and "http://testserver/contacts/going-cold/" in body
    assert body.count("to tell how it ended") == 5 and "And 1 more" in body
    assert message.body.count("Mark done:") == 5
    assert "- ...and 2 more: http://testserver/meetings/" in message.body


def test_last_weeks_progress_is_one_line(alice):
    MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=at(MONDAY - dt.timedelta(days=3), 9))
    thanked = FollowUpFactory(owner=alice, kind=FollowUpKind.THANK_YOU, due_on=MONDAY - dt.timedelta(days=2))
    thanked.state, thanked.done_at = FollowUpState.DONE, at(MONDAY - dt.timedelta(days=3), 18)
    thanked.save()
    ken = ContactFactory(owner=alice)
    referral = ContactFactory(owner=alice, introduced_by=ken)
    type(referral).objects.filter(pk=referral.pk).update(created_at=at(MONDAY - dt.timedelta(days=2), 10))
    FollowUpFactory(owner=alice, due_on=TODAY)  # something to plan this week

    reminders.send_weekly_digests(now=NOW)

    [message] = mail.outbox
    line = "Last week: Meetings held: 1 · Thank-yous sent on time: 1 of 1 · Referrals gained: 1"
    assert line in message.body.splitlines()
    assert "Last week: 1 meeting held · 1 of 1 thank-you on time · 1 referral gained" in html(message)


def test_the_digest_is_a_plan_not_a_copy_of_the_daily(alice):
    FollowUpFactory(owner=alice, title="Friday promise", due_on=dt.date(2026, 3, 6))
    FollowUpFactory(owner=alice, title="Next week", due_on=dt.date(2026, 3, 10))

    reminders.send_daily_reminders(now=NOW)
    reminders.send_weekly_digests(now=NOW)

    [digest] = mail.outbox  # nothing is due today: no daily; the digest plans the week
    assert "Friday promise" in digest.body and "Next week" not in digest.body


def test_last_weeks_figures_alone_make_no_digest_and_the_command_counts_it_skipped(alice):
    MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=at(MONDAY - dt.timedelta(days=3), 9))
    out = StringIO()

    call_command("send_reminders", "--kind", "weekly", "--now", NOW.isoformat(), stdout=out)

    assert out.getvalue().strip() == "sent=0 skipped=1 failed=0"
    assert mail.outbox == []


@pytest.mark.parametrize("users", [3, 30])
def test_the_digest_reads_going_cold_people_in_one_query_for_any_batch(users, django_assert_num_queries):
    batch = [UserFactory() for _ in range(users)]
    for user in batch:
        for n in range(8):
            ContactFactory(owner=user, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=40 + n))

    # Follow-ups, meetings, outcome reports, the going-cold UNION, held, referrals, thank-yous.
    with django_assert_num_queries(7):
        contents = reminders.weekly_contents(batch, NOW)

    for user in batch:
        cold = contents[user.pk].going_cold
        assert len(cold.rows) == 5 and cold.has_more
        days = [(NOW - contact.last_contacted_at).days for contact in cold.rows if contact.last_contacted_at]
        assert days == [47, 46, 45, 44, 43]  # the most overdue first
