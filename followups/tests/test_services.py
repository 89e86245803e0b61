"""The rules the meetings app calls: each creates the right follow-up, once."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW
from contacts.models import Direction, LedgerKind
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from followups import services
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def referrer(alice):
    return ContactFactory(owner=alice, given_name="Rita", family_name="Reyes")


@pytest.fixture
def ken(alice, referrer):
    return ContactFactory(owner=alice, given_name="Ken", family_name="Ng", introduced_by=referrer)


def test_scheduling_a_meeting_with_a_referred_contact_thanks_the_referrer_now(alice, ken, referrer):
    meeting = MeetingFactory(
        owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=NOW + dt.timedelta(days=6)
    )

    [followup] = services.meeting_scheduled(meeting)

    assert followup.contact == referrer
    assert followup.kind == FollowUpKind.THANK_REFERRER
    assert followup.due_on == NOW.date()
    assert followup.state == FollowUpState.OPEN
    assert "Thanks for referring me to Ken Ng. We have a meeting set up on Tuesday 10 March." in followup.message
    assert followup.message.startswith("Dear Rita,")


def test_scheduling_twice_never_creates_a_second_referrer_note(alice, ken):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED)

    services.meeting_scheduled(meeting)
    services.meeting_scheduled(meeting)

    assert FollowUp.objects.for_owner(alice).count() == 1


def test_scheduling_with_a_contact_nobody_introduced_creates_nothing(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED)

    assert services.meeting_scheduled(meeting) == []
    assert not FollowUp.objects.exists()


def test_holding_a_meeting_creates_a_thank_you_due_the_next_day(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)

    [thank_you] = services.meeting_held(meeting)

    assert thank_you.kind == FollowUpKind.THANK_YOU
    assert thank_you.due_on == dt.date(2026, 3, 5)
    assert thank_you.contact == meeting.contact
    assert "Thank you for taking the time to talk with me on Wednesday 4 March" in thank_you.message
    assert thank_you.message.rstrip().endswith("Alice Archer")


def test_the_thank_you_delay_comes_from_the_users_preferences(alice):
    alice.thank_you_delay_days = 3
    alice.save()
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)

    [thank_you] = services.meeting_held(meeting)

    assert thank_you.due_on == dt.date(2026, 3, 7)


def test_the_due_date_is_the_users_local_day(alice):
    alice.time_zone = "Pacific/Kiritimati"  # UTC+14: already Thursday 5 March, 00:30
    alice.save()
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)

    [thank_you] = services.meeting_held(meeting)

    assert thank_you.due_on == dt.date(2026, 3, 6)


def test_holding_a_referred_meeting_thanks_the_referrer_again_and_is_idempotent(alice, ken, referrer):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED)
    services.meeting_scheduled(meeting)
    meeting.state, meeting.held_at = MeetingState.HELD, NOW

    services.meeting_held(meeting)
    services.meeting_held(meeting)

    referrer_notes = FollowUp.objects.filter(contact=referrer, kind=FollowUpKind.THANK_REFERRER).order_by("id")
    assert referrer_notes.count() == 2
    assert "I met Ken Ng on Wednesday 4 March, and it helped" in referrer_notes[1].message
    assert FollowUp.objects.filter(kind=FollowUpKind.THANK_YOU).count() == 1


def test_the_thank_yous_count_from_the_meeting_and_are_never_due_before_the_day_it_is_recorded(alice, ken, referrer):
    alice.thank_you_delay_days = 2
    alice.save()
    on_time = MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, held_at=NOW)
    late = MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, held_at=NOW - dt.timedelta(days=5))

    assert {f.kind: f.due_on for f in services.meeting_held(on_time)} == {
        FollowUpKind.THANK_YOU: dt.date(2026, 3, 6),
        FollowUpKind.THANK_REFERRER: NOW.date(),  # the introducer hears the same day
    }
    # Marked held five days late: due today, not born overdue.
    assert {f.due_on for f in services.meeting_held(late)} == {NOW.date()}


def test_holding_a_meeting_skips_the_unsent_meeting_set_up_note_to_the_referrer(alice, ken, referrer):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=NOW)
    [set_up_note] = services.meeting_scheduled(meeting)
    meeting.state, meeting.held_at = MeetingState.HELD, NOW

    services.meeting_held(meeting)

    set_up_note.refresh_from_db()
    assert set_up_note.state == FollowUpState.SKIPPED
    assert FollowUp.objects.open().filter(contact=referrer).get().title == "Thank Rita Reyes: you met Ken Ng"


def test_holding_a_meeting_keeps_a_meeting_set_up_note_already_sent(alice, ken):
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=NOW)
    [set_up_note] = services.meeting_scheduled(meeting)
    services.mark_done(set_up_note, now=NOW)
    meeting.state, meeting.held_at = MeetingState.HELD, NOW

    services.meeting_held(meeting)

    set_up_note.refresh_from_db()
    assert set_up_note.state == FollowUpState.DONE


def test_a_promise_becomes_a_follow_up_due_when_the_user_says_once(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)

    first = services.promise_made(meeting, text="Send my resume", due_on=dt.date(2026, 3, 6))
    again = services.promise_made(meeting, text="  send my   resume ", due_on=dt.date(2026, 3, 6))
    other = services.promise_made(meeting, text="Read the book she suggested", due_on=dt.date(2026, 3, 20))

    assert first == again
    assert other != first
    assert first is not None
    assert first.kind == FollowUpKind.PROMISE
    assert first.due_on == dt.date(2026, 3, 6)
    assert "As promised when we met on Wednesday 4 March: Send my resume" in first.message
    assert FollowUp.objects.filter(kind=FollowUpKind.PROMISE).count() == 2


def test_an_empty_promise_creates_nothing(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)

    assert services.promise_made(meeting, text="   ", due_on=dt.date(2026, 3, 6)) is None


def test_closing_a_search_proposes_an_outcome_report_for_everyone_who_helped(alice, ken, referrer):
    search = SearchFactory(
        owner=alice, started_on=dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 4), outcome="I accepted a job at Acme"
    )
    MeetingFactory(
        owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=NOW - dt.timedelta(days=20)
    )
    giver = ContactFactory(owner=alice, given_name="Gail", family_name="Ivers")
    LedgerEntryFactory(
        owner=alice,
        contact=giver,
        direction=Direction.RECEIVED,
        occurred_on=dt.date(2026, 2, 1),
        description="A job lead at Acme",
    )
    outsider = ContactFactory(owner=alice)
    LedgerEntryFactory(owner=alice, contact=outsider, direction=Direction.RECEIVED, occurred_on=dt.date(2025, 12, 1))
    MeetingFactory(owner=alice, contact=outsider, state=MeetingState.HELD, held_at=NOW)  # not in this search

    reports = services.search_closed(search)

    assert {r.contact for r in reports} == {ken, referrer, giver}
    assert all(r.state == FollowUpState.PROPOSED and r.kind == FollowUpKind.OUTCOME_REPORT for r in reports)
    by_contact = {r.contact: r for r in reports}
    assert "Thanks again for referring me to Ken Ng." in by_contact[referrer].message
    assert "I accepted a job at Acme." in by_contact[referrer].message
    assert "Thanks again for meeting with me on Thursday 12 February." in by_contact[ken].message
    assert "Thanks again for a job lead at Acme." in by_contact[giver].message


def test_an_outcome_report_says_thanks_again_once_for_everything(alice, ken, referrer):
    search = SearchFactory(
        owner=alice, started_on=dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 4), outcome="I accepted a job at Acme"
    )
    MeetingFactory(
        owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=NOW - dt.timedelta(days=20)
    )
    LedgerEntryFactory(
        owner=alice,
        contact=ken,
        direction=Direction.RECEIVED,
        occurred_on=dt.date(2026, 2, 20),
        description="CV review",
    )
    LedgerEntryFactory(
        owner=alice,
        contact=ken,
        direction=Direction.RECEIVED,
        occurred_on=dt.date(2026, 2, 21),
        description="A job lead",
    )

    report = next(r for r in services.search_closed(search) if r.contact == ken)

    assert report.message.count("Thanks again") == 1
    assert (
        "Thanks again for meeting with me on Thursday 12 February, for the CV review and for a job lead."
    ) in report.message


def test_a_gift_recorded_without_words_is_thanked_by_its_kind(alice, ken):
    search = SearchFactory(owner=alice, started_on=dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 4))
    for day, kind in ((20, LedgerKind.FEEDBACK), (21, LedgerKind.INTRODUCTION)):
        LedgerEntryFactory(
            owner=alice,
            contact=ken,
            direction=Direction.RECEIVED,
            kind=kind,
            occurred_on=dt.date(2026, 2, day),
            description="",
        )

    [report] = [r for r in services.search_closed(search) if r.contact == ken]

    assert "Thanks again for your feedback and for the introduction." in report.message


def test_closing_a_search_proposes_outcome_reports_for_the_people_added_to_it(alice, ken, referrer):
    search = SearchFactory(owner=alice, ended_on=dt.date(2026, 3, 4), outcome="Accepted a job at Acme")
    MeetingFactory(owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=NOW)
    mentor = ContactFactory(owner=alice, given_name="Mona", family_name="Mentor")
    search.contacts.add(mentor, ken)

    reports = {r.contact: r for r in services.search_closed(search)}

    assert set(reports) == {ken, referrer, mentor}
    assert "Thanks again for your support." in reports[mentor].message
    # Someone met in the search is thanked for the meeting, not with the generic line too.
    assert "Thanks again for your support." not in reports[ken].message


def test_closing_a_search_twice_proposes_nothing_new(alice, ken):
    search = SearchFactory(owner=alice, ended_on=dt.date(2026, 3, 4), outcome="Accepted a job at Acme")
    MeetingFactory(owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=NOW)

    services.search_closed(search)
    services.search_closed(search)

    assert FollowUp.objects.count() == 2  # Ken, and Rita who introduced him


def test_confirming_outcome_reports_opens_the_kept_and_skips_the_dropped(alice, ken, referrer):
    search = SearchFactory(owner=alice, ended_on=dt.date(2026, 3, 1), outcome="Accepted a job at Acme")
    MeetingFactory(owner=alice, contact=ken, search=search, state=MeetingState.HELD, held_at=NOW)
    services.search_closed(search)
    keep = FollowUp.objects.get(contact=ken)

    kept, dropped = services.confirm_outcome_reports(search, keep=[keep.pk], today=NOW.date())

    assert (kept, dropped) == (1, 1)
    keep.refresh_from_db()
    assert keep.state == FollowUpState.OPEN and keep.due_on == NOW.date()
    assert FollowUp.objects.get(contact=referrer).state == FollowUpState.SKIPPED


def test_done_skip_and_snooze_act_only_on_open_follow_ups(alice):
    followup = FollowUpFactory(owner=alice)

    assert services.snooze(followup, until=dt.date(2026, 3, 9))
    assert services.mark_done(followup, now=NOW)
    assert not services.mark_done(followup, now=NOW)
    assert not services.snooze(followup, until=dt.date(2026, 3, 12))
    assert not services.skip(followup)
    followup.refresh_from_db()
    assert followup.state == FollowUpState.DONE and followup.done_at == NOW
