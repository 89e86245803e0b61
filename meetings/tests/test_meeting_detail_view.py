"""One meeting: its plan, the buttons that fit its state, what came out of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUpKind
from followups.tests.factories import FollowUpFactory
from meetings import services
from meetings.models import Meeting, MeetingState

from .factories import MeetingFactory, QuestionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
S = MeetingState


def action_urls(response) -> set[str]:
    content = response.content.decode()
    names = ("mark_sent", "schedule", "hold", "decline", "no_reply", "cancel")
    return {
        name
        for name in names
        if f'action="{reverse(f"meetings:{name}", args=[response.context["object"].pk])}"' in content
    }


@pytest.mark.parametrize(
    ("state", "buttons"),
    [
        (S.IDEA, {"mark_sent", "schedule", "cancel"}),
        (S.REQUESTED, {"schedule", "decline", "no_reply", "cancel"}),
        (S.SCHEDULED, {"hold", "cancel"}),
        (S.HELD, set()),
        (S.DECLINED, set()),
        (S.NO_REPLY, {"schedule"}),
        (S.CANCELLED, set()),
    ],
)
def test_the_detail_page_offers_only_the_steps_that_fit_the_state(alice, alice_client, state, buttons):
    meeting = MeetingFactory(owner=alice, state=state, starts_at=NOW - timedelta(hours=1))

    response = alice_client.get(meeting.get_absolute_url())

    assert response.status_code == 200
    assert action_urls(response) == buttons


def test_a_held_meeting_shows_what_came_out_of_it(alice, alice_client, django_assert_max_num_queries):
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=ContactFactory(owner=alice))
    meeting = MeetingFactory(owner=alice, contact=ken, state=S.HELD, notes="Generous.", learned="Referrals win.")
    meeting.suggested_contacts.add(ContactFactory(owner=alice, given_name="Maria", family_name="Garcia"))
    FollowUpFactory(owner=alice, contact=ken, meeting=meeting, kind=FollowUpKind.PROMISE, title="Send my resume")
    services.pick_question(meeting, QuestionFactory(owner=alice, text="Who else should I talk to?"))

    # session, user, meeting+contact+referrer+search, suggested, questions, its follow-ups
    # (promises and thank-yous in one, for the list and the next step)
    with django_assert_max_num_queries(6):
        response = alice_client.get(meeting.get_absolute_url())

    content = response.content.decode()
    for text in ("Generous.", "Referrals win.", "Maria Garcia", "Send my resume", "Who else should I talk to?"):
        assert text in content
    assert reverse("meetings:how_it_went", args=[meeting.pk]) in content


def test_a_long_meeting_with_someone_who_sells_their_time_carries_a_gentle_warning(alice, alice_client):
    coach = ContactFactory(owner=alice, given_name="Pat", sells_time=True)
    meeting = MeetingFactory(owner=alice, contact=coach, duration_minutes=30)

    response = alice_client.get(meeting.get_absolute_url())

    assert "Pat sells their time. More than 15 minutes would be a paid consultation" in response.content.decode()


def test_a_short_meeting_with_someone_who_sells_their_time_has_no_warning(alice, alice_client):
    coach = ContactFactory(owner=alice, sells_time=True)
    meeting = MeetingFactory(owner=alice, contact=coach, duration_minutes=15)

    assert "paid consultation" not in alice_client.get(meeting.get_absolute_url()).content.decode()


def test_someone_elses_meeting_is_a_404(alice, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice)

    assert_hidden_from_bob(meeting.get_absolute_url())


def test_deleting_a_meeting(alice, alice_client):
    meeting = MeetingFactory(owner=alice)

    response = alice_client.post(reverse("meetings:delete", args=[meeting.pk]))

    assert response.url == reverse("meetings:list")
    assert not type(meeting).objects.filter(pk=meeting.pk).exists()


def test_deleting_only_answers_post_and_never_someone_elses(alice, alice_client, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice)

    assert alice_client.get(reverse("meetings:delete", args=[meeting.pk])).status_code == 405
    assert_hidden_from_bob(reverse("meetings:delete", args=[meeting.pk]), method="post")
    assert type(meeting).objects.filter(pk=meeting.pk).exists()


def test_the_contact_timeline_partial_lists_their_meetings_latest_first(alice):
    ken = ContactFactory(owner=alice)
    older = MeetingFactory(owner=alice, contact=ken, state=S.HELD, starts_at=NOW - timedelta(days=30), learned="PMP.")
    newer = MeetingFactory(owner=alice, contact=ken, state=S.SCHEDULED, starts_at=NOW + timedelta(days=3))
    MeetingFactory(owner=alice)

    meetings = list(Meeting.objects.for_owner(alice).for_timeline(ken))
    html = render_to_string("meetings/_contact_meetings.html", {"meetings": meetings, "contact": ken})

    assert meetings == [newer, older]
    assert "PMP." in html and f"?contact={ken.pk}" in html


def test_mark_as_held_is_offered_only_once_the_meeting_has_started(alice, alice_client):
    upcoming = MeetingFactory(owner=alice, state=S.SCHEDULED, starts_at=NOW + timedelta(days=2))
    started = MeetingFactory(owner=alice, state=S.SCHEDULED, starts_at=NOW - timedelta(minutes=5))

    upcoming_page = alice_client.get(upcoming.get_absolute_url())
    started_page = alice_client.get(started.get_absolute_url())

    assert "hold" not in action_urls(upcoming_page)
    assert "You can mark it as held here once it starts" in upcoming_page.content.decode()
    assert "hold" in action_urls(started_page)
    assert [t.name for t in services.allowed_transitions(upcoming, now=NOW)] == ["cancel"]


def test_a_request_sent_under_a_minute_ago_was_sent_just_now(alice, alice_client):
    now = MeetingFactory(owner=alice, state=S.REQUESTED, requested_at=NOW - timedelta(seconds=20))
    earlier = MeetingFactory(owner=alice, state=S.REQUESTED, requested_at=NOW - timedelta(days=2))

    assert "(just now)" in alice_client.get(now.get_absolute_url()).content.decode()
    assert "(2\xa0days ago)" in alice_client.get(earlier.get_absolute_url()).content.decode()


def test_a_planned_meeting_longer_than_an_interview_carries_a_warning(alice, alice_client):
    planned = MeetingFactory(owner=alice, state=S.REQUESTED, requested_at=NOW, duration_minutes=240)
    held = MeetingFactory(owner=alice, state=S.HELD, duration_minutes=240)

    assert "240 minutes is a lot to ask" in alice_client.get(planned.get_absolute_url()).content.decode()
    assert "a lot to ask" not in alice_client.get(held.get_absolute_url()).content.decode()  # too late to ask less


def test_namesakes_they_suggested_can_be_told_apart(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.HELD)
    for title, email in (("Planner", "felix@cabq.example"), ("", "f.ivanova@cabq.example")):
        meeting.suggested_contacts.add(
            ContactFactory(
                owner=alice,
                given_name="Felix",
                family_name="Ivanova",
                company="City of Albuquerque",
                title=title,
                emails=[email],
            )
        )

    content = alice_client.get(meeting.get_absolute_url()).content.decode()

    assert "· Planner, City of Albuquerque · felix@cabq.example" in content
    assert "· City of Albuquerque · f.ivanova@cabq.example" in content
