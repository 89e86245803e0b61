from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory, SearchFactory

from .builders import build_network

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:search")


def test_results_are_grouped_over_contacts_meetings_searches_and_follow_ups(alice, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe", company="Acme")
    MeetingFactory(owner=alice, contact=ken, place="Flying Star Cafe")
    SearchFactory(owner=alice, title="Learn how Watanabe-style PMOs work")
    FollowUpFactory(owner=alice, contact=ken, title="Send Ken the article")

    response = alice_client.get(URL, {"q": "watanabe"})

    groups = {group.key: group.items for group in response.context["results"].groups}
    assert groups["contacts"] == [ken]
    assert len(groups["meetings"]) == 1
    assert len(groups["searches"]) == 1
    assert len(groups["followups"]) == 1
    content = response.content.decode()
    assert 'id="results-contacts"' in content and 'id="results-followups"' in content


def test_every_word_must_match(alice, alice_client):
    ContactFactory(owner=alice, given_name="Ken", company="Acme")
    ContactFactory(owner=alice, given_name="Ken", company="Globex")

    response = alice_client.get(URL, {"q": "ken acme"})

    assert [c.company for c in response.context["results"].groups[0].items] == ["Acme"]


def test_contacts_come_by_family_name_then_given_name(alice, alice_client):
    for given, family in (("Zoe", "Smith"), ("Ada", "Smithers"), ("Bo", "Smith"), ("Cy", "Goldsmith")):
        ContactFactory(owner=alice, given_name=given, family_name=family)

    response = alice_client.get(URL, {"q": "smith"})

    names = [c.full_name for c in response.context["results"].groups[0].items]
    assert names == ["Cy Goldsmith", "Bo Smith", "Zoe Smith", "Ada Smithers"]


def test_the_navigation_has_one_search_box(alice_client):
    content = alice_client.get(reverse("dashboard")).content.decode()

    assert content.count('role="search"') == 1
    assert f'action="{URL}"' in content


def test_a_too_short_query_shows_a_clear_message(alice_client):
    response = alice_client.get(URL, {"q": "k"})

    assert "Type at least 2 characters." in response.content.decode()
    assert response.context["results"] is None


def test_nothing_found_says_so(alice_client):
    assert "Nothing matches" in alice_client.get(URL, {"q": "zebra"}).content.decode()


def test_bob_finds_nothing_of_alices(alice, bob_client):
    build_network(alice, size=4)

    response = bob_client.get(URL, {"q": "person"})

    assert response.context["results"].total_shown == 0
    assert "Person1" not in response.content.decode()


def test_the_page_only_answers_get(alice_client):
    assert alice_client.post(URL, {"q": "ken"}).status_code == 405


@pytest.mark.parametrize("size", [3, 40])
def test_the_page_costs_the_same_number_of_queries_for_small_and_larger_networks(
    alice, alice_client, django_assert_max_num_queries, size
):
    build_network(alice, size=size)
    # session, user; contacts, meetings, searches, follow-ups.
    with django_assert_max_num_queries(6):
        response = alice_client.get(URL, {"q": "person"})
    assert response.context["results"].total_shown


def test_more_follow_ups_than_fit_link_to_the_follow_ups_list_searched_the_same_way(alice, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")
    for i in range(10):
        FollowUpFactory(owner=alice, contact=ken, title=f"Send Ken article {i}")

    response = alice_client.get(URL, {"q": "watanabe"})

    followups = response.context["results"].groups[3]
    assert followups.has_more
    link = f"{reverse('followups:list')}?q=watanabe"
    assert f'href="{link}"' in response.content.decode()
    assert "Add a word" not in response.content.decode()
    listed = alice_client.get(link)
    assert sum(len(section["items"]) for section in listed.context["sections"]) == 10


def test_a_follow_up_is_found_by_a_word_in_its_draft(alice, alice_client):
    FollowUpFactory(owner=alice, title="Thank Ken", message="Thanks for the PMO pointers")

    response = alice_client.get(URL, {"q": "pmo pointers"})

    assert [f.title for f in response.context["results"].groups[3].items] == ["Thank Ken"]


def test_a_follow_up_says_where_it_stands_as_the_follow_ups_list_does(alice, alice_client, frozen):
    yuki = ContactFactory(owner=alice, given_name="Yuki", family_name="Tanaka")
    # Snoozed past its due date (NOW is Wednesday 4 March 2026).
    FollowUpFactory(
        owner=alice, contact=yuki, title="Yuki introduction", due_on=NOW.date(), snoozed_until=date(2026, 3, 7)
    )
    FollowUpFactory(owner=alice, contact=yuki, title="Yuki overdue note", due_on=date(2026, 3, 2))

    results = alice_client.get(URL, {"q": "yuki"}).content.decode()
    listed = alice_client.get(reverse("followups:list"), {"q": "yuki"}).content.decode()

    assert "snoozed until Sat 7 Mar" in results and "snoozed until Sat 7 Mar" in listed
    assert "overdue since Mon 2 Mar" in results and "overdue since Mon 2 Mar" in listed
    assert "Open · due" not in results
