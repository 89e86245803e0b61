"""/api/v1/meetings/: plan, edit and delete meetings, and move them through their lifecycle."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind
from meetings.models import Meeting, MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

LIST = "/api/v1/meetings/"


def detail(meeting: Meeting, step: str = "") -> str:
    return f"{LIST}{meeting.pk}/{step + '/' if step else ''}"


def test_planning_a_meeting(api, alice):
    ken = ContactFactory(owner=alice)
    search = SearchFactory(owner=alice)
    response = api.post(
        LIST, {"contact": ken.pk, "search": search.pk, "kind": "video", "duration_minutes": 20}, format="json"
    )
    assert response.status_code == 201, response.json()
    meeting = Meeting.objects.get()
    assert (meeting.owner, meeting.contact, meeting.search, meeting.state) == (alice, ken, search, MeetingState.IDEA)
    assert response.json()["allowed_actions"] == ["mark_sent", "schedule", "cancel"]


def test_another_users_contact_or_search_is_a_400_naming_the_field(api, alice, bob):
    response = api.post(
        LIST, {"contact": ContactFactory(owner=bob).pk, "search": SearchFactory(owner=bob).pk}, format="json"
    )
    assert response.status_code == 400 and set(response.json()) == {"contact", "search"}
    assert not Meeting.objects.exists()


def test_bad_input_names_the_field(api, alice):
    ken = ContactFactory(owner=alice)
    closed = SearchFactory(owner=alice, ended_on=NOW.date())
    response = api.post(
        LIST, {"contact": ken.pk, "duration_minutes": 500, "kind": "telepathy", "search": closed.pk}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"duration_minutes", "kind", "search"}


def test_editing_cannot_change_the_person_or_the_state(api, alice):
    meeting = MeetingFactory(owner=alice)
    other = ContactFactory(owner=alice)
    response = api.patch(detail(meeting), {"contact": other.pk}, format="json")
    assert response.status_code == 400 and "contact" in response.json()
    response = api.patch(detail(meeting), {"state": "held", "place": "Café Rio"}, format="json")
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert (meeting.state, meeting.place) == (MeetingState.IDEA, "Café Rio")


def test_the_lifecycle_through_the_actions(api, alice):
    introducer = ContactFactory(owner=alice)
    ken = ContactFactory(owner=alice, introduced_by=introducer)
    meeting = MeetingFactory(owner=alice, contact=ken)
    assert api.post(detail(meeting, "mark-sent")).json()["state"] == "requested"
    starts = NOW - timedelta(days=1)
    response = api.post(detail(meeting, "schedule"), {"starts_at": starts.isoformat()}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "scheduled"
    # Scheduling thanks the referrer (the follow-ups rule, called by the same service).
    assert FollowUp.objects.filter(contact=introducer).exists()
    response = api.post(detail(meeting, "hold"))
    assert response.status_code == 200 and response.json()["state"] == "held"
    ken.refresh_from_db()
    assert ken.last_contacted_at == starts  # the keep-in-touch clock restarted
    assert FollowUp.objects.filter(meeting=meeting, kind=FollowUpKind.THANK_YOU, contact=ken).exists()


def test_an_invalid_transition_is_a_409_naming_the_refusal(api, alice):
    meeting = MeetingFactory(owner=alice)
    response = api.post(detail(meeting, "hold"))
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This meeting is idea, so it can't be marked as held.",
        "code": "transition_refused",
    }
    response = api.post(detail(meeting, "schedule"), {}, format="json")
    assert response.status_code == 400 and "starts_at" in response.json()
    for step in ("decline", "no-reply"):
        assert api.post(detail(meeting, step)).status_code == 409
    assert api.post(detail(meeting, "cancel")).json()["state"] == "cancelled"
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.CANCELLED


def test_holding_a_meeting_that_has_not_started_is_refused(api, alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + timedelta(days=2))
    response = api.post(detail(meeting, "hold"))
    assert response.status_code == 409 and "not started" in response.json()["detail"]


def test_filtering_and_deleting(api, alice):
    ken = ContactFactory(owner=alice)
    idea = MeetingFactory(owner=alice, contact=ken)
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED)
    assert [r["id"] for r in api.get(LIST + "?state=idea").json()["results"]] == [idea.pk]
    assert [r["id"] for r in api.get(LIST + f"?contact={ken.pk}").json()["results"]] == [idea.pk]
    assert set(api.get(LIST + "?state=nope&contact=x").json()) == {"state"}
    assert api.get(LIST + "?contact=x").status_code == 400
    assert api.delete(detail(idea)).status_code == 204
    assert not Meeting.objects.filter(pk=idea.pk).exists()


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    MeetingFactory.create_batch(count, owner=alice)
    # the token with its owner, the page of meetings
    with django_assert_num_queries(2):
        response = api.get(LIST)
    assert len(response.json()["results"]) == count


def test_guards(alice, assert_api_guards):
    meeting = MeetingFactory(owner=alice)
    assert_api_guards("get", LIST, owned=False)
    assert_api_guards("post", LIST, data={"contact": meeting.contact_id}, write=True, owned=False)
    assert_api_guards("get", detail(meeting))
    assert_api_guards("patch", detail(meeting), data={"place": "x"}, write=True)
    for step in ("mark-sent", "cancel", "hold", "decline", "no-reply"):
        assert_api_guards("post", detail(meeting, step), write=True)
    assert_api_guards("post", detail(meeting, "schedule"), data={"starts_at": NOW.isoformat()}, write=True)
    assert_api_guards("delete", detail(meeting), write=True)
    meeting.refresh_from_db()
    assert (meeting.state, meeting.place) == (MeetingState.IDEA, "")


def test_holding_through_the_api_dates_it_at_the_meeting_not_the_call(api, alice):
    ken = ContactFactory(owner=alice)
    met = NOW - timedelta(days=1)
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=met)

    response = api.post(detail(meeting, "hold"))

    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.held_at == met
    assert datetime.fromisoformat(response.json()["held_at"]) == met
    # The thank-you counts from the meeting's day (alice's delay: one day), as on the page.
    assert FollowUp.objects.get(meeting=meeting, kind=FollowUpKind.THANK_YOU).due_on == met.date() + timedelta(days=1)
