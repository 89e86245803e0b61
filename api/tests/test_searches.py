"""/api/v1/searches/: start, read, edit and close a search."""

from __future__ import annotations

import pytest

from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpState
from meetings.models import MeetingState, Search
from meetings.tests.factories import MeetingFactory, SearchFactory

LIST = "/api/v1/searches/"


def test_starting_and_editing_a_search(api, alice):
    response = api.post(LIST, {"title": "UX research in Lisbon", "started_on": "2026-02-01"}, format="json")
    assert response.status_code == 201, response.json()
    search = Search.objects.get()
    assert search.owner == alice
    response = api.patch(
        f"{LIST}{search.pk}/", {"looking_for": "a team lead role", "ended_on": "2026-03-01"}, format="json"
    )
    assert response.status_code == 200
    search.refresh_from_db()
    assert (search.looking_for, search.ended_on) == ("a team lead role", None)


def test_a_search_needs_a_title(api, alice):
    response = api.post(LIST, {}, format="json")
    assert response.status_code == 400 and "title" in response.json()


def test_closing_a_search_proposes_outcome_reports(api, alice):
    search = SearchFactory(owner=alice)
    ken = ContactFactory(owner=alice)
    MeetingFactory(owner=alice, contact=ken, search=search, state=MeetingState.HELD)
    response = api.post(
        f"{LIST}{search.pk}/close/", {"outcome": "accepted a job at Acme", "ended_on": "2026-03-04"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["ended_on"] == "2026-03-04"
    assert FollowUp.objects.filter(search=search, contact=ken, state=FollowUpState.PROPOSED).exists()
    again = api.post(f"{LIST}{search.pk}/close/", {"outcome": "again", "ended_on": "2026-03-04"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_closed"
    assert api.post(f"{LIST}{search.pk}/close/", {}, format="json").json().keys() == {"outcome", "ended_on"}


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    for search in SearchFactory.create_batch(count, owner=alice):
        search.contacts.add(ContactFactory(owner=alice))
    # the token with its owner, the page of searches, their people's ids
    with django_assert_num_queries(3):
        response = api.get(LIST)
    assert len(response.json()["results"]) == count
    assert all(len(row["contacts"]) == 1 for row in response.json()["results"])


def test_guards(alice, assert_api_guards):
    search = SearchFactory(owner=alice)
    assert_api_guards("get", LIST, owned=False)
    assert_api_guards("post", LIST, data={"title": "x"}, write=True, owned=False)
    assert_api_guards("get", f"{LIST}{search.pk}/")
    assert_api_guards("patch", f"{LIST}{search.pk}/", data={"title": "x"}, write=True)
    assert_api_guards("post", f"{LIST}{search.pk}/close/", data={"outcome": "x", "ended_on": "2026-03-04"}, write=True)
    search.refresh_from_db()
    assert search.is_open and search.title != "x"
