"""The meeting lifecycle: idea -> requested -> scheduled -> held, or declined / no reply / cancelled."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from contacts import services as contact_services
from contacts.models import Channel, Interaction
from contacts.tests.factories import ContactFactory, InteractionFactory
from meetings import services
from meetings.models import MeetingKind, MeetingState
from meetings.services import TRANSITIONS, TransitionRefused

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db

S = MeetingState
SERVICES = {
    "mark_sent": services.mark_letter_sent,
    "hold": services.hold_meeting,
    "decline": services.decline_meeting,
    "no_reply": services.mark_no_reply,
    "cancel": services.cancel_meeting,
    "schedule": lambda meeting, *, when: services.schedule_meeting(meeting, when=when, starts_at=NOW),
}
REFUSED = [(name, state) for name, transition in TRANSITIONS.items() for state in S if state not in transition.sources]
ALLOWED = [(name, state) for name, transition in TRANSITIONS.items() for state in transition.sources]


def meeting_in(state: str, **fields):
    return MeetingFactory(state=state, starts_at=fields.pop("starts_at", NOW - timedelta(hours=1)), **fields)


@pytest.mark.parametrize(("action", "state"), ALLOWED)
def test_each_allowed_step_moves_the_meeting_and_records_when_it_happened(action, state, followup_calls):
    meeting = meeting_in(state)

    SERVICES[action](meeting, when=NOW)

    meeting.refresh_from_db()
    transition = TRANSITIONS[action]
    assert meeting.state == transition.target
    # A meeting is held when it took place (an hour ago), not when the button was pressed.
    assert getattr(meeting, transition.stamp) == (meeting.starts_at if action == "hold" else NOW)


@pytest.mark.parametrize(("action", "state"), REFUSED)
def test_each_step_that_does_not_fit_the_state_is_refused_with_a_message(action, state, followup_calls):
    meeting = meeting_in(state)

    with pytest.raises(TransitionRefused) as refusal:
        SERVICES[action](meeting, when=NOW)

    meeting.refresh_from_db()
    assert meeting.state == state
    assert str(refusal.value) == (
        f"This meeting is {S(state).label.lower()}, so it can't be {TRANSITIONS[action].done}."
    )
    assert followup_calls.calls == []


def test_holding_a_declined_meeting_is_refused():
    meeting = meeting_in(S.DECLINED)

    with pytest.raises(TransitionRefused, match="This meeting is declined, so it can't be marked as held."):
        services.hold_meeting(meeting, when=NOW)


def test_holding_a_meeting_that_has_not_started_yet_is_refused():
    meeting = meeting_in(S.SCHEDULED, starts_at=NOW + timedelta(days=1))

    with pytest.raises(TransitionRefused, match="has not started yet"):
        services.hold_meeting(meeting, when=NOW)

    meeting.refresh_from_db()
    assert meeting.state == S.SCHEDULED and meeting.held_at is None


def test_scheduling_without_a_time_is_refused():
    meeting = meeting_in(S.REQUESTED, starts_at=None)

    with pytest.raises(TransitionRefused, match="Pick a date and time"):
        services.schedule_meeting(meeting, when=NOW)


def test_a_late_answer_after_no_reply_can_still_be_scheduled(followup_calls):
    meeting = meeting_in(S.NO_REPLY)

    services.schedule_meeting(meeting, when=NOW, starts_at=NOW + timedelta(days=3))

    meeting.refresh_from_db()
    assert meeting.state == S.SCHEDULED and meeting.starts_at == NOW + timedelta(days=3)


def test_marking_the_letter_sent_makes_the_meeting_requested_today():
    meeting = meeting_in(S.IDEA, starts_at=None)

    services.mark_letter_sent(meeting, when=NOW)

    meeting.refresh_from_db()
    assert (meeting.state, meeting.requested_at) == (S.REQUESTED, NOW)


def test_scheduling_asks_the_followups_rules_to_thank_the_referrer(followup_calls):
    meeting = meeting_in(S.REQUESTED)

    services.schedule_meeting(meeting, when=NOW, starts_at=NOW + timedelta(days=2))

    assert followup_calls.named("meeting_scheduled") == [((meeting,), {})]


def test_holding_restarts_the_keep_in_touch_clock_and_queues_the_thank_yous(followup_calls):
    contact = ContactFactory(last_contacted_at=NOW - timedelta(days=90))
    meeting = meeting_in(S.SCHEDULED, owner=contact.owner, contact=contact, starts_at=NOW - timedelta(hours=2))

    services.hold_meeting(meeting, when=NOW)

    contact.refresh_from_db()
    assert contact.last_contacted_at == NOW - timedelta(hours=2)
    assert followup_calls.named("meeting_held") == [((meeting,), {})]


def test_holding_logs_the_meeting_as_a_touch_the_clock_falls_back_to(followup_calls):
    contact = ContactFactory()
    met = NOW - timedelta(hours=2)
    meeting = meeting_in(S.SCHEDULED, owner=contact.owner, contact=contact, kind=MeetingKind.VIDEO, starts_at=met)
    services.hold_meeting(meeting, when=NOW)
    later = InteractionFactory(owner=contact.owner, contact=contact, occurred_at=NOW + timedelta(days=1))
    contact_services.record_touch(contact, when=later.occurred_at)

    contact_services.remove_interaction(later)

    touch = Interaction.objects.get(contact=contact)
    assert (touch.occurred_at, touch.channel, touch.note) == (met, Channel.VIDEO, "Meeting held: Video call")
    contact.refresh_from_db()
    assert contact.last_contacted_at == met


def test_the_buttons_offered_are_the_steps_that_fit_the_state():
    assert [t.name for t in services.allowed_transitions(meeting_in(S.IDEA))] == ["mark_sent", "schedule", "cancel"]
    assert [t.name for t in services.allowed_transitions(meeting_in(S.REQUESTED))] == [
        "schedule",
        "decline",
        "no_reply",
        "cancel",
    ]
    assert [t.name for t in services.allowed_transitions(meeting_in(S.SCHEDULED))] == ["hold", "cancel"]
    assert services.allowed_transitions(meeting_in(S.HELD)) == []
