"""Planning a meeting: choose the person (search-as-you-type over thousands), then the plan."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from contacts.tests.factories import ContactFactory
from meetings.models import Meeting, MeetingState

from .factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
CREATE = reverse("meetings:create")


def plan(contact, **overrides) -> dict:
    return {
        "contact": contact.pk,
        "search": "",
        "purpose": "role",
        "kind": "coffee",
        "place": "Flying Star Cafe",
        "starts_at": "",
        "duration_minutes": 20,
        **overrides,
    }


def test_without_a_contact_the_page_searches_the_network(alice, alice_client, django_assert_max_num_queries):
    ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")
    ContactFactory(owner=alice, given_name="Maria", family_name="Garcia")

    # session, user, the matching contacts
    with django_assert_max_num_queries(3):
        response = alice_client.get(CREATE, {"q": "watan"})

    assert [c.full_name for c in response.context["found"]] == ["Ken Watanabe"]
    assert "<select" not in response.content.decode()


def test_the_search_as_you_type_answers_json_with_only_your_contacts(alice, bob, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe", title="Director", company="Acme")
    ContactFactory(owner=bob, given_name="Ken", family_name="Watanabe")

    # The choosing page asks contacts' one picker endpoint.
    response = alice_client.get(reverse("contacts:lookup"), {"q": "ken wat"})

    assert response.json() == {
        "results": [
            {
                "id": ken.pk,
                "label": f"Ken Watanabe, Acme (#{ken.pk})",
                "name": "Ken Watanabe",
                "detail": "Director · Acme",
            }
        ]
    }
    assert alice_client.get(reverse("contacts:lookup"), {"q": "k"}).json() == {"results": []}


def test_planning_a_meeting_with_a_contact_from_their_page(alice, alice_client, django_assert_max_num_queries):
    ken = ContactFactory(owner=alice, given_name="Ken")
    search = SearchFactory(owner=alice)

    # session, user, the contact, the open searches
    with django_assert_max_num_queries(4):
        page = alice_client.get(CREATE, {"contact": ken.pk})
    assert "Plan a meeting with Ken" in page.content.decode()

    response = alice_client.post(f"{CREATE}?contact={ken.pk}", plan(ken, search=search.pk))

    meeting = Meeting.objects.get(contact=ken)
    assert response.url == meeting.get_absolute_url()
    assert (meeting.owner, meeting.state, meeting.search, meeting.duration_minutes) == (alice, "idea", search, 20)


def test_planning_with_someone_elses_contact_is_a_404(alice, assert_hidden_from_bob):
    alices_contact = ContactFactory(owner=alice)

    assert_hidden_from_bob(f"{CREATE}?contact={alices_contact.pk}")
    assert_hidden_from_bob(f"{CREATE}?contact=not-a-number")


def test_someone_elses_contact_cannot_be_chosen(alice, bob, alice_client):
    bobs_contact = ContactFactory(owner=bob)

    response = alice_client.post(CREATE, plan(bobs_contact))

    assert response.status_code == 200
    assert response.context["form"].errors["contact"]
    assert not Meeting.objects.exists()


def test_someone_elses_search_cannot_be_chosen(alice, bob, alice_client):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(CREATE, plan(ken, search=SearchFactory(owner=bob).pk))

    assert response.context["form"].errors["search"]
    assert not Meeting.objects.exists()


def test_bad_input_shows_errors_and_saves_nothing(alice, alice_client):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(CREATE, plan(ken, duration_minutes=600, kind="telepathy"))

    errors = response.context["form"].errors
    assert errors["duration_minutes"] == ["Plan between 5 and 240 minutes."]
    assert "kind" in errors
    assert not Meeting.objects.exists()
    assert 'value="Flying Star Cafe"' in response.content.decode()


def test_planning_more_than_15_minutes_with_someone_who_sells_their_time_warns_gently(alice, alice_client):
    coach = ContactFactory(owner=alice, given_name="Pat", sells_time=True)

    page = alice_client.get(CREATE, {"contact": coach.pk})
    response = alice_client.post(CREATE, plan(coach, duration_minutes=30))

    assert "Keep it to 15 minutes: more would be a paid consultation." in page.content.decode()
    assert Meeting.objects.get().duration_minutes == 30  # a warning, not a refusal
    assert any("would be a paid consultation" in str(m) for m in get_messages(response.wsgi_request))


def test_editing_a_meeting_keeps_the_person_met(alice, alice_client, django_assert_max_num_queries):
    meeting = MeetingFactory(owner=alice, state=MeetingState.REQUESTED)
    other = ContactFactory(owner=alice)
    url = reverse("meetings:edit", args=[meeting.pk])

    # session, user, meeting+contact, open searches
    with django_assert_max_num_queries(4):
        assert alice_client.get(url).status_code == 200
    response = alice_client.post(
        url, {**plan(other, kind="video", place="https://meet.example/ken"), "contact": other.pk}
    )

    meeting.refresh_from_db()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.kind, meeting.place, meeting.contact_id) == (
        "video",
        "https://meet.example/ken",
        meeting.contact.pk,
    )
    assert meeting.contact != other


def test_editing_keeps_a_closed_search_the_meeting_already_belongs_to(alice, alice_client):
    closed = SearchFactory(owner=alice, ended_on="2026-02-01", outcome="Took the job.")
    meeting = MeetingFactory(owner=alice, search=closed)

    response = alice_client.post(reverse("meetings:edit", args=[meeting.pk]), plan(meeting.contact, search=closed.pk))

    assert response.status_code == 302


def test_someone_elses_meeting_cannot_be_edited(alice, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice)
    url = reverse("meetings:edit", args=[meeting.pk])

    assert_hidden_from_bob(url)
    assert_hidden_from_bob(url, method="post", data=plan(meeting.contact, place="Bob's place"))
    meeting.refresh_from_db()
    assert meeting.place == ""


def test_the_contact_search_page_never_finds_someone_elses_contacts(alice, bob_client):
    ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")

    response = bob_client.get(CREATE, {"q": "watanabe"})

    assert list(response.context["found"]) == []
    assert bob_client.get(reverse("contacts:lookup"), {"q": "watanabe"}).json() == {"results": []}


@pytest.mark.parametrize("minutes", [-10, 0, 40000])
def test_a_length_out_of_bounds_shows_one_clear_error(alice, alice_client, minutes):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(CREATE, plan(ken, duration_minutes=minutes))

    assert response.status_code == 200
    assert response.context["form"].errors["duration_minutes"] == ["Plan between 5 and 240 minutes."]
    assert "Ensure this value" not in response.content.decode()
    assert 'id="long-warning"' not in response.content.decode()  # the error says it; no warning on top
    assert not Meeting.objects.exists()


def test_planning_more_than_30_minutes_warns_but_saves(alice, alice_client):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(CREATE, plan(ken, duration_minutes=240), follow=True)

    assert response.redirect_chain[0][1] == 302
    assert Meeting.objects.get().duration_minutes == 240  # a warning, not a refusal
    # Said once, on the meeting page it lands on (not again as a message on top of it).
    page = response.content.decode()
    assert page.count("240 minutes is a lot to ask: an informational interview takes 15 to 30 minutes") == 1


def test_the_form_warns_about_a_long_meeting_and_not_about_a_usual_one(alice, alice_client):
    long = MeetingFactory(owner=alice, duration_minutes=240)
    usual = MeetingFactory(owner=alice, duration_minutes=30)
    other_error = plan(usual.contact, duration_minutes=45, kind="telepathy")

    long_page = alice_client.get(reverse("meetings:edit", args=[long.pk])).content.decode()
    usual_page = alice_client.get(reverse("meetings:edit", args=[usual.pk])).content.decode()
    redisplayed = alice_client.post(reverse("meetings:edit", args=[usual.pk]), other_error).content.decode()

    assert 'id="long-warning"' in long_page and "240 minutes is a lot to ask" in long_page
    assert 'id="long-warning"' not in usual_page
    assert "45 minutes is a lot to ask" in redisplayed  # what was typed, while another field is fixed
