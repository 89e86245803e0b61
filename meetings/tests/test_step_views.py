"""The one-button lifecycle actions: mark sent, schedule, hold, decline, no reply, cancel."""

from __future__ import annotations

import html
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from conftest import NOW
from meetings.models import Meeting, MeetingState
from meetings.services import TRANSITIONS

from .factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
S = MeetingState

STEPS = [
    ("mark_sent", S.IDEA, S.REQUESTED),
    ("hold", S.SCHEDULED, S.HELD),
    ("decline", S.REQUESTED, S.DECLINED),
    ("no_reply", S.REQUESTED, S.NO_REPLY),
    ("cancel", S.SCHEDULED, S.CANCELLED),
]


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(("action", "before", "after"), STEPS)
def test_a_step_button_moves_the_meeting(alice, alice_client, action, before, after, django_assert_max_num_queries):
    meeting = MeetingFactory(owner=alice, state=before, starts_at=NOW - timedelta(hours=1))

    # session, user, meeting+contact, savepoint, lock, update; holding also logs the touch (insert) and
    # restarts the clock (update), and asks followups.meeting_held for the thank-you: savepoint, owner,
    # drafts, existing row, savepoint, insert, release, release; then the outer releases. Since issue 10
    # the touch may move the stage on to In touch (update) and closes the keep-in-touch loop (update).
    with django_assert_max_num_queries(19):
        response = alice_client.post(reverse(f"meetings:{action}", args=[meeting.pk]))

    meeting.refresh_from_db()
    assert meeting.state == after
    expected = reverse("meetings:how_it_went", args=[meeting.pk]) if action == "hold" else meeting.get_absolute_url()
    assert response.status_code == 302 and response.url == expected


@pytest.mark.parametrize("action", ["mark_sent", "hold", "decline", "no_reply", "cancel", "schedule"])
def test_a_step_button_only_answers_post(alice, alice_client, action):
    meeting = MeetingFactory(owner=alice)

    assert alice_client.get(reverse(f"meetings:{action}", args=[meeting.pk])).status_code == 405


@pytest.mark.parametrize("action", ["mark_sent", "hold", "decline", "no_reply", "cancel", "schedule"])
def test_a_step_on_someone_elses_meeting_is_a_404(alice, action, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice, state=S.REQUESTED)

    assert_hidden_from_bob(
        reverse(f"meetings:{action}", args=[meeting.pk]), method="post", data={"starts_at": "2026-03-10T09:00"}
    )
    meeting.refresh_from_db()
    assert meeting.state == S.REQUESTED


def test_holding_a_declined_meeting_is_refused_with_a_message(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.DECLINED)

    response = alice_client.post(reverse("meetings:hold", args=[meeting.pk]), follow=True)

    assert "This meeting is declined, so it can't be marked as held." in html.unescape(response.content.decode())
    meeting.refresh_from_db()
    assert meeting.state == S.DECLINED


def test_scheduling_records_the_time_in_the_users_time_zone(alice, alice_client):
    alice.time_zone = "America/Denver"
    alice.save(update_fields=["time_zone"])
    meeting = MeetingFactory(owner=alice, state=S.REQUESTED)

    response = alice_client.post(reverse("meetings:schedule", args=[meeting.pk]), {"starts_at": "2026-03-10T09:00"})

    meeting.refresh_from_db()
    assert meeting.state == S.SCHEDULED and meeting.scheduled_at == NOW
    assert meeting.starts_at is not None
    assert meeting.starts_at.isoformat() == "2026-03-10T15:00:00+00:00"  # 09:00 MDT
    assert messages_of(response) == ["Scheduled for Tue 10 Mar 2026, 09:00."]


def test_scheduling_without_a_valid_time_saves_nothing_and_says_why(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.REQUESTED)

    response = alice_client.post(reverse("meetings:schedule", args=[meeting.pk]), {"starts_at": "next tuesday"})

    assert messages_of(response) == ["Pick a valid date and time to schedule this meeting."]
    assert Meeting.objects.get(pk=meeting.pk).state == S.REQUESTED


def test_scheduling_a_held_meeting_is_refused_with_a_message(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.HELD)

    response = alice_client.post(reverse("meetings:schedule", args=[meeting.pk]), {"starts_at": "2026-03-10T09:00"})

    assert messages_of(response) == ["This meeting is held, so it can't be scheduled."]


@pytest.mark.parametrize(
    ("action", "state"),
    [
        (name, state)
        for name, transition in TRANSITIONS.items()
        if name != "schedule"
        for state in S
        if state not in transition.sources
    ],
)
def test_every_button_that_does_not_fit_the_state_is_refused_with_a_message(alice, alice_client, action, state):
    meeting = MeetingFactory(owner=alice, state=state, starts_at=NOW - timedelta(hours=1))

    response = alice_client.post(reverse(f"meetings:{action}", args=[meeting.pk]))

    assert response.url == meeting.get_absolute_url()
    assert messages_of(response) == [
        f"This meeting is {S(state).label.lower()}, so it can't be {TRANSITIONS[action].done}."
    ]
    assert Meeting.objects.get(pk=meeting.pk).state == state


def test_a_time_that_does_not_exist_on_the_dst_change_is_refused_not_a_500(alice, alice_client):
    alice.time_zone = "America/Denver"
    alice.save(update_fields=["time_zone"])
    meeting = MeetingFactory(owner=alice, state=S.REQUESTED)

    # Clocks jump from 02:00 to 03:00 in Denver on 2026-03-08.
    response = alice_client.post(reverse("meetings:schedule", args=[meeting.pk]), {"starts_at": "2026-03-08T02:30"})

    assert response.status_code == 302
    assert messages_of(response) == ["Pick a valid date and time to schedule this meeting."]
    assert Meeting.objects.get(pk=meeting.pk).state == S.REQUESTED
