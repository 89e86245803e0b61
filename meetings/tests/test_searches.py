"""Searches: what the meetings are for; closing one with an outcome starts the outcome reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from meetings.models import MeetingState, Search

from .factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_starting_a_search(alice, alice_client):
    response = alice_client.post(
        reverse("meetings:search_create"),
        {"title": "Learn what UX research is like", "looking_for": "A week in the life", "started_on": "2026-03-01"},
    )

    search = Search.objects.get()
    assert response.url == search.get_absolute_url()
    assert (search.owner, search.started_on, search.is_open) == (alice, dt.date(2026, 3, 1), True)


def test_a_search_without_a_title_is_refused(alice_client):
    response = alice_client.post(reverse("meetings:search_create"), {"title": "", "started_on": "2026-03-01"})

    assert response.context["form"].errors["title"]
    assert not Search.objects.exists()


def test_the_list_counts_meetings_in_constant_queries(alice, alice_client, django_assert_num_queries):
    search = SearchFactory(owner=alice)
    MeetingFactory(owner=alice, search=search, state=MeetingState.HELD)
    MeetingFactory(owner=alice, search=search, state=MeetingState.IDEA)

    # session, user, searches with their counts
    with django_assert_num_queries(3):
        response = alice_client.get(reverse("meetings:search_list"))
    for _ in range(10):
        SearchFactory(owner=alice)
    with django_assert_num_queries(3):
        alice_client.get(reverse("meetings:search_list"))

    first = next(s for s in response.context["object_list"] if s.pk == search.pk)
    assert (first.meeting_count, first.held_count) == (2, 1)


def test_the_detail_lists_its_meetings(alice, alice_client, django_assert_max_num_queries):
    search = SearchFactory(owner=alice)
    MeetingFactory(owner=alice, search=search, contact__given_name="Ken")
    MeetingFactory(owner=alice, contact__given_name="Elsewhere")

    # session, user, search, its meetings with contacts, the people in it (added with
    # search membership): 5.
    with django_assert_max_num_queries(5):
        response = alice_client.get(search.get_absolute_url())

    assert [m.contact.given_name for m in response.context["meetings"]] == ["Ken"]


def test_editing_a_search(alice, alice_client):
    search = SearchFactory(owner=alice)

    alice_client.post(
        reverse("meetings:search_edit", args=[search.pk]),
        {"title": "PM roles in Santa Fe", "looking_for": "", "started_on": "2026-01-05"},
    )

    search.refresh_from_db()
    assert search.title == "PM roles in Santa Fe"


def test_closing_a_search_records_the_outcome_and_goes_to_the_outcome_reports(alice, alice_client, followup_calls):
    search = SearchFactory(owner=alice)

    response = alice_client.post(
        reverse("meetings:search_close", args=[search.pk]),
        {"outcome": "Accepted a job at Acme.", "ended_on": "2026-03-04"},
    )

    search.refresh_from_db()
    assert (search.outcome, search.ended_on, search.is_open) == ("Accepted a job at Acme.", dt.date(2026, 3, 4), False)
    assert response.url == reverse("followups:review_outcome_reports", kwargs={"search_pk": search.pk})
    assert followup_calls.named("search_closed") == [((search,), {})]


def test_closing_without_an_outcome_is_refused(alice, alice_client, followup_calls):
    search = SearchFactory(owner=alice)

    response = alice_client.post(reverse("meetings:search_close", args=[search.pk]), {"outcome": "", "ended_on": ""})

    assert set(response.context["form"].errors) == {"outcome", "ended_on"}
    search.refresh_from_db()
    assert search.is_open and followup_calls.calls == []


def test_a_closed_search_is_not_closed_twice(alice, alice_client, followup_calls):
    search = SearchFactory(owner=alice, ended_on=dt.date(2026, 2, 1), outcome="Done.")

    response = alice_client.post(
        reverse("meetings:search_close", args=[search.pk]), {"outcome": "Again", "ended_on": "2026-03-04"}
    )

    assert response.url == search.get_absolute_url()
    assert followup_calls.calls == []


def test_closed_searches_are_not_offered_for_new_meetings(alice, alice_client):
    SearchFactory(owner=alice, title="Open one")
    SearchFactory(owner=alice, title="Closed one", ended_on=dt.date(2026, 2, 1))
    meeting = MeetingFactory(owner=alice)

    response = alice_client.get(reverse("meetings:edit", args=[meeting.pk]))

    assert [s.title for s in response.context["form"].fields["search"].queryset] == ["Open one"]


def test_someone_elses_searches_are_404s(alice, assert_hidden_from_bob):
    search = SearchFactory(owner=alice)

    assert_hidden_from_bob(search.get_absolute_url())
    assert_hidden_from_bob(reverse("meetings:search_edit", args=[search.pk]))
    assert_hidden_from_bob(reverse("meetings:search_close", args=[search.pk]))
    assert_hidden_from_bob(
        reverse("meetings:search_close", args=[search.pk]),
        method="post",
        data={"outcome": "Bob decided", "ended_on": "2026-03-04"},
    )
    search.refresh_from_db()
    assert search.is_open


def test_the_search_list_is_only_yours(alice, bob_client):
    SearchFactory(owner=alice)

    assert list(bob_client.get(reverse("meetings:search_list")).context["object_list"]) == []


def test_the_detail_lists_open_meetings_first_then_held_then_closed(alice, alice_client):
    search = SearchFactory(owner=alice)
    for name, state in (("Cancelled", "cancelled"), ("Held", "held"), ("Asked", "requested"), ("Set", "scheduled")):
        MeetingFactory(owner=alice, search=search, state=state, contact__given_name=name)

    response = alice_client.get(search.get_absolute_url())

    assert [m.contact.given_name for m in response.context["meetings"]] == ["Set", "Asked", "Held", "Cancelled"]
