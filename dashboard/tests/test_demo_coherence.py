"""The demo is something a real user could have produced with the app: every invariant, over ~300 contacts."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from accounts.models import User
from conftest import NOW
from contacts.models import Interaction
from followups.demo import KEEP_IN_TOUCH_DAYS, STILL_OWED_FOR
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.services import helpers_of, local_now
from meetings.models import Meeting, MeetingKind, MeetingState

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """One seeded demo of 300 contacts for the module (seeding takes a few seconds)."""
    with django_db_blocker.unblock(), time_machine.travel(NOW, tick=False):
        call_command("seed_demo", user="coherent", contacts=300)
        user = User.objects.get(username="coherent")
    yield user
    with django_db_blocker.unblock():
        user.delete()


def followups(user, kind):
    return FollowUp.objects.for_owner(user).filter(kind=kind).select_related("meeting", "search", "contact")


def test_outcome_reports_are_only_for_closed_searches(demo):
    reports = list(followups(demo, FollowUpKind.OUTCOME_REPORT))
    assert reports
    assert all(r.search is not None and r.search.ended_on is not None for r in reports)
    # ...and go to everyone who helped in that search, as closing it proposes them: the
    # people met, and the people who introduced them, thanked for that.
    for search in {r.search for r in reports}:
        helpers = helpers_of(search)
        assert {r.contact for r in reports if r.search == search} == set(helpers)
        referrers = [contact for contact, reasons in helpers.items() if any("referring me" in r for r in reasons)]
        assert referrers
        assert all("Thanks again for referring me to" in r.message for r in reports if r.contact in referrers)


def test_keep_in_touch_is_only_for_contacted_people_and_within_the_daily_budget(demo):
    rows = list(followups(demo, FollowUpKind.KEEP_IN_TOUCH))
    assert rows
    touched = set(Interaction.objects.for_owner(demo).values_list("contact_id", flat=True))
    assert all(r.contact_id in touched for r in rows)
    budget = getattr(demo, "keep_in_touch_per_day", 5)
    per_day = Counter(local_now(demo, r.created_at).date() for r in rows)
    assert max(per_day.values()) <= budget
    assert len(rows) <= KEEP_IN_TOUCH_DAYS * budget
    # A done one was a touch: the contact is not going cold any more.
    for row in rows:
        if row.state == FollowUpState.DONE:
            assert row.contact.last_contacted_at >= row.done_at


def test_places_match_the_meeting_kind(demo):
    meetings = list(Meeting.objects.for_owner(demo))
    cafes = ("Cafe", "Coffee", "Restaurant")
    for meeting in meetings:
        if meeting.kind == MeetingKind.PHONE:
            assert meeting.place == "", meeting.place
        if meeting.kind in (MeetingKind.PHONE, MeetingKind.VIDEO):
            assert not any(word in meeting.place for word in cafes), (meeting.kind, meeting.place)
        if meeting.kind == MeetingKind.COFFEE:
            assert any(word in meeting.place for word in ("Cafe", "Coffee")), meeting.place
        assert not (meeting.kind != MeetingKind.VIDEO and meeting.place in ("Zoom", "Google Meet", "Microsoft Teams"))


def test_reply_nudges_are_only_for_recent_requests_past_the_nudge_delay(demo):
    nudges = list(followups(demo, FollowUpKind.REPLY_NUDGE))
    assert nudges
    delay = timedelta(days=demo.reply_nudge_after_days)
    for nudge in nudges:
        meeting = nudge.meeting
        assert meeting.state == MeetingState.REQUESTED
        assert meeting.requested_at is not None
        assert NOW - timedelta(weeks=5) <= meeting.requested_at <= NOW - delay
    # Every request still waiting was asked for within the last few weeks.
    waiting = Meeting.objects.for_owner(demo).filter(state=MeetingState.REQUESTED)
    assert all(m.requested_at is not None and m.requested_at >= NOW - timedelta(weeks=5) for m in waiting)


def test_thank_yous_are_due_after_held_meetings_only(demo):
    rows = list(followups(demo, FollowUpKind.THANK_YOU))
    assert rows
    for row in rows:
        assert row.meeting is not None and row.meeting.state == MeetingState.HELD
        assert row.due_on >= local_now(demo, row.meeting.held_at).date()
    for row in followups(demo, FollowUpKind.PROMISE):
        assert row.meeting.state == MeetingState.HELD
    # Every held meeting has its thank-you, once.
    held = Meeting.objects.for_owner(demo).filter(state=MeetingState.HELD).count()
    assert sorted(r.meeting_id for r in rows) == sorted({r.meeting_id for r in rows})
    assert len(rows) == held


def test_meetings_start_during_the_working_day_in_the_users_zone(demo):
    zone = ZoneInfo(demo.time_zone)
    starts = Meeting.objects.for_owner(demo).exclude(starts_at=None).values_list("starts_at", flat=True)
    assert starts
    assert all(9 <= start.astimezone(zone).hour <= 16 for start in starts if start is not None)


def test_what_is_still_owed_came_due_recently(demo):
    # Loops get closed: nothing the demo user still owes is months overdue.
    still_owed = FollowUp.objects.for_owner(demo).filter(state=FollowUpState.OPEN)
    assert still_owed.filter(due_on__lt=NOW.date() - timedelta(days=7)).exists()  # some are overdue...
    assert not still_owed.filter(due_on__lt=NOW.date() - STILL_OWED_FOR).exists()  # ...but not for long


def test_meetings_fall_on_weekdays_one_at_a_time(demo):
    zone = ZoneInfo(demo.time_zone)
    starts = [
        start.astimezone(zone)
        for start in Meeting.objects.for_owner(demo).exclude(starts_at=None).values_list("starts_at", flat=True)
        if start
    ]
    assert len(starts) > 20
    assert all(start.weekday() < 5 for start in starts)
    assert len(set(starts)) == len(starts)  # demo meetings last at most 30 minutes and start on the hour


def test_held_meetings_are_in_the_past_and_scheduled_ones_in_the_future(demo):
    meetings = Meeting.objects.for_owner(demo)
    held = meetings.filter(state=MeetingState.HELD)
    assert all(m.starts_at is not None and m.held_at is not None for m in held)
    assert all(m.starts_at < NOW and m.held_at <= NOW for m in held)  # type: ignore[operator]  # checked just above
    assert all(m.starts_at is not None and m.starts_at > NOW for m in meetings.filter(state=MeetingState.SCHEDULED))
    assert all(m.starts_at is not None and m.starts_at < NOW for m in meetings.filter(state=MeetingState.CANCELLED))
    assert all(m.closed_at is None or m.closed_at <= NOW for m in meetings)
    assert all(m.requested_at is None or m.requested_at <= NOW for m in meetings)
    # A meeting belongs to a search that was running when it was asked for.
    for m in meetings.select_related("search").exclude(search=None).exclude(requested_at=None):
        assert m.search is not None and m.requested_at is not None
        assert m.search.started_on <= m.requested_at.date()
        assert m.search.ended_on is None or m.requested_at.date() <= m.search.ended_on


def test_referrer_thanks_only_where_an_introducer_exists(demo):
    rows = list(followups(demo, FollowUpKind.THANK_REFERRER))
    assert rows
    for row in rows:
        assert row.meeting is not None and row.meeting.state == MeetingState.HELD
        assert row.meeting.contact.introduced_by_id == row.contact_id


def test_done_follow_ups_were_done_in_the_past(demo):
    rows = FollowUp.objects.for_owner(demo)
    assert all(f.done_at is not None and f.done_at <= NOW for f in rows.filter(state=FollowUpState.DONE))
    assert not rows.filter(state=FollowUpState.DONE, done_at=None).exists()
