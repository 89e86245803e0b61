"""The people in a search: added by hand from the search's page or the contact's, or met in its meetings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from contacts.forms import picker_label
from contacts.tests.factories import ContactFactory, grow_network
from meetings import services
from meetings.models import MeetingState
from netweave.ownership import CrossOwnerError

from .factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def search(alice):
    return SearchFactory(owner=alice, title="Product roles at Acme")


@pytest.fixture
def ken(alice):
    return ContactFactory(owner=alice, given_name="Ken", family_name="Sato", company="Acme")


def add_url(search) -> str:
    return reverse("meetings:search_add_person", args=[search.pk])


def remove_url(search, contact) -> str:
    return reverse("meetings:search_remove_person", args=[search.pk, contact.pk])


def add_to_search_url(contact) -> str:
    return reverse("meetings:add_to_search", args=[contact.pk])


# --- The services ---------------------------------------------------------------------


def test_adding_someone_twice_keeps_one_membership(search, ken):
    assert services.add_to_search(search, contact=ken) is True
    assert services.add_to_search(search, contact=ken) is False

    assert list(search.contacts.all()) == [ken]


def test_a_search_refuses_someone_from_another_network(search, bob):
    with pytest.raises(CrossOwnerError, match="another owner's network"):
        services.add_to_search(search, contact=ContactFactory(owner=bob))

    assert not search.contacts.exists()


def test_taking_someone_out_keeps_their_meetings_in_the_search(search, ken, alice):
    services.add_to_search(search, contact=ken)
    MeetingFactory(owner=alice, contact=ken, search=search)

    assert services.remove_from_search(search, contact=ken) is True
    assert services.remove_from_search(search, contact=ken) is False
    assert not search.contacts.exists()
    assert search.meetings.filter(contact=ken).exists()


# --- From the search's page -----------------------------------------------------------


def test_the_search_page_lists_people_added_and_people_met_in_it(alice, alice_client, search, ken):
    services.add_to_search(search, contact=ken)
    mia = ContactFactory(owner=alice, given_name="Mia", family_name="Lund")
    MeetingFactory(owner=alice, contact=mia, search=search, state=MeetingState.HELD)
    MeetingFactory(owner=alice, contact=ContactFactory(owner=alice, given_name="Elsewhere"))

    response = alice_client.get(search.get_absolute_url())

    people = {person.full_name: (person.added, person.in_meetings) for person in response.context["people"]}
    assert people == {"Ken Sato": (True, False), "Mia Lund": (False, True)}
    content = response.content.decode()
    assert f'action="{remove_url(search, ken)}"' in content
    assert f'action="{remove_url(search, mia)}"' not in content  # there through a meeting, not by hand


def test_adding_a_person_picked_from_the_suggestions(alice_client, search, ken):
    response = alice_client.post(add_url(search), {"contact": picker_label(ken)})

    assert response.status_code == 302
    assert response.url == f"{search.get_absolute_url()}#people"
    assert list(search.contacts.all()) == [ken]


def test_adding_a_person_by_a_name_that_matches_one_person(alice_client, search, ken):
    alice_client.post(add_url(search), {"contact": "ken sato"})

    assert list(search.contacts.all()) == [ken]


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("", "Type the name of someone in your network."),
        ("Nobody Atall", "Nobody in your network matches"),
        ("Someone (#999999)", "That person is not in your network."),
    ],
)
def test_bad_input_re_shows_the_page_with_the_error_and_adds_nobody(alice_client, search, ken, typed, error):
    response = alice_client.post(add_url(search), {"contact": typed})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert response.context["add_form"]["contact"].value() == typed
    assert not search.contacts.exists()


def test_bobs_contact_cannot_be_added_to_alices_search(alice_client, search, bob):
    bobs = ContactFactory(owner=bob, given_name="Bobs", family_name="Friend")

    response = alice_client.post(add_url(search), {"contact": picker_label(bobs)})

    assert "That person is not in your network." in response.content.decode()
    assert not search.contacts.exists()


def test_adding_someone_already_in_the_search_says_so(alice_client, search, ken):
    services.add_to_search(search, contact=ken)

    response = alice_client.post(add_url(search), {"contact": picker_label(ken)})

    assert "Ken Sato is already in this search." in response.content.decode()
    assert search.contacts.count() == 1


def test_removing_a_person_returns_to_the_search(alice_client, search, ken):
    services.add_to_search(search, contact=ken)

    response = alice_client.post(remove_url(search, ken))

    assert response.url == search.get_absolute_url()
    assert not search.contacts.exists()


def test_removing_returns_to_a_safe_next_page_only(alice_client, search, ken):
    services.add_to_search(search, contact=ken)

    back_to_ken = alice_client.post(remove_url(search, ken), {"next": ken.get_absolute_url()})
    services.add_to_search(search, contact=ken)
    elsewhere = alice_client.post(remove_url(search, ken), {"next": "https://evil.example/"})

    assert back_to_ken.url == ken.get_absolute_url()
    assert elsewhere.url == search.get_absolute_url()


def test_removing_someone_who_was_not_added_changes_nothing(alice, alice_client, search, ken):
    MeetingFactory(owner=alice, contact=ken, search=search)

    response = alice_client.post(remove_url(search, ken), follow=True)

    assert "was not added" in response.content.decode()
    assert search.meetings.filter(contact=ken).exists()


def test_the_people_actions_only_answer_post(alice_client, search, ken):
    assert alice_client.get(add_url(search)).status_code == 405
    assert alice_client.get(remove_url(search, ken)).status_code == 405
    assert alice_client.get(add_to_search_url(ken)).status_code == 405


def test_bob_can_neither_see_nor_change_the_people_in_alices_search(alice, bob, search, ken, assert_hidden_from_bob):
    services.add_to_search(search, contact=ken)
    bobs_search = SearchFactory(owner=bob)
    bobs_contact = ContactFactory(owner=bob)

    assert_hidden_from_bob(add_url(search), method="post", data={"contact": picker_label(bobs_contact)})
    assert_hidden_from_bob(remove_url(search, ken), method="post")
    assert_hidden_from_bob(remove_url(bobs_search, ken), method="post")  # his search, her contact
    assert_hidden_from_bob(add_to_search_url(ken), method="post", data={"search": bobs_search.pk})

    assert list(search.contacts.all()) == [ken]
    assert not bobs_search.contacts.exists()


@pytest.mark.parametrize("size", [3, 60])
def test_the_search_page_costs_the_same_queries_at_any_size(
    alice, alice_client, search, size, django_assert_max_num_queries
):
    people = grow_network(alice, size)
    search.contacts.add(*people[: size // 2])
    for person in people[size // 2 :]:
        MeetingFactory(owner=alice, contact=person, search=search)
    # session, user, search, its meetings with contacts, the people in it.
    with django_assert_max_num_queries(5):
        response = alice_client.get(search.get_absolute_url())
    assert len(response.context["people"]) == size


def test_a_long_list_of_people_is_cut_with_a_note(alice, alice_client, search, monkeypatch):
    monkeypatch.setattr("meetings.views.searches.PEOPLE_SHOWN", 5)
    search.contacts.add(*grow_network(alice, 7))

    response = alice_client.get(search.get_absolute_url())

    assert len(response.context["people"]) == 5
    assert "Showing the first 5." in response.content.decode()


# --- From the contact's page ----------------------------------------------------------


def test_the_contact_page_shows_their_searches_and_offers_the_open_ones(alice, alice_client, search, ken):
    services.add_to_search(search, contact=ken)
    met_in = SearchFactory(owner=alice, title="UX research")
    MeetingFactory(owner=alice, contact=ken, search=met_in)
    SearchFactory(owner=alice, title="Closed long ago", ended_on=dt.date(2025, 12, 1))
    other_open = SearchFactory(owner=alice, title="Teaching")

    response = alice_client.get(ken.get_absolute_url())

    assert {s.title for s in response.context["contact_searches"]} == {"Product roles at Acme", "UX research"}
    assert {s.title for s in response.context["search_options"]} == {"UX research", "Teaching"}
    content = response.content.decode()
    assert f'action="{add_to_search_url(ken)}"' in content
    assert f'<option value="{other_open.pk}">Teaching</option>' in content
    assert "Closed long ago" not in content


def test_adding_a_contact_to_a_search_from_their_page(alice_client, search, ken):
    response = alice_client.post(add_to_search_url(ken), {"search": search.pk}, follow=True)

    assert list(search.contacts.all()) == [ken]
    assert "Ken Sato is now part of “Product roles at Acme”." in response.content.decode()


@pytest.mark.parametrize(
    ("choice", "error"),
    [("", "Choose a search first."), ("nonsense", "That search is closed or is not one of yours.")],
)
def test_a_bad_choice_on_the_contact_page_is_explained_and_adds_nothing(alice_client, search, ken, choice, error):
    response = alice_client.post(add_to_search_url(ken), {"search": choice}, follow=True)

    assert error in response.content.decode()
    assert not search.contacts.exists()


def test_a_closed_search_or_bobs_search_is_refused(alice, alice_client, bob, ken):
    closed = SearchFactory(owner=alice, ended_on=dt.date(2026, 2, 1))
    bobs = SearchFactory(owner=bob)

    for search in (closed, bobs):
        response = alice_client.post(add_to_search_url(ken), {"search": search.pk}, follow=True)
        assert "That search is closed or is not one of yours." in response.content.decode()
        assert not search.contacts.exists()


def test_adding_a_contact_to_a_search_they_are_in_says_so(alice_client, search, ken):
    services.add_to_search(search, contact=ken)

    response = alice_client.post(add_to_search_url(ken), {"search": search.pk}, follow=True)

    assert "Ken Sato is already in “Product roles at Acme”." in response.content.decode()
    assert search.contacts.count() == 1


def test_the_add_and_remove_actions_make_a_fixed_number_of_queries(
    alice, alice_client, search, ken, django_assert_max_num_queries
):
    grow_network(alice, 50)
    # session, user, search, the picked contact, already-in-search check, get_or_create
    # (select, savepoint, insert, release): 9.
    with django_assert_max_num_queries(9):
        alice_client.post(add_url(search), {"contact": picker_label(ken)})
    # session, user, search, contact, delete: 5.
    with django_assert_max_num_queries(5):
        alice_client.post(remove_url(search, ken))
    # session, user, contact, the open search chosen, already-in-search check,
    # get_or_create (select, savepoint, insert, release): 9.
    with django_assert_max_num_queries(9):
        alice_client.post(add_to_search_url(ken), {"search": search.pk})
    assert list(search.contacts.all()) == [ken]


def test_re_showing_the_search_page_with_an_error_makes_a_fixed_number_of_queries(
    alice, alice_client, search, django_assert_max_num_queries
):
    search.contacts.add(*grow_network(alice, 30))
    # session, user, search, the name lookup (no match), its meetings, the people in it: 6.
    with django_assert_max_num_queries(6):
        response = alice_client.post(add_url(search), {"contact": "Nobody Atall"})
    assert response.status_code == 200
