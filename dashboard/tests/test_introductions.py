from __future__ import annotations

import pytest
from django.urls import reverse

from contacts.models import Stage
from contacts.tests.factories import ContactFactory, ContactLinkFactory, TagFactory
from dashboard.introductions import MatchOn, who_can_introduce

from .builders import build_network

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:introductions")


def person(owner, name, *, company="Elsewhere", stage=Stage.IN_TOUCH, **kwargs):
    return ContactFactory(owner=owner, given_name=name, family_name="", company=company, stage=stage, **kwargs)


def names(path):
    return [step.contact.given_name for step in path.steps]


def test_the_path_runs_through_introductions_in_both_directions_starting_with_someone_you_know(alice):
    you_know = person(alice, "Alice")
    ken = person(alice, "Ken", stage=Stage.WANT_TO_MEET, introduced_by=you_know)
    manager = person(alice, "Maria", company="Acme Corp", stage=Stage.WANT_TO_MEET)
    # Maria knows Ken (the link points from her to him): paths follow it backwards too.
    ContactLinkFactory(owner=alice, person=manager, knows=ken)

    results = who_can_introduce(alice, match_on=MatchOn.COMPANY, text="acme")

    [path] = results.paths
    assert names(path) == ["Alice", "Ken", "Maria"]
    assert path.first_to_ask == you_know
    assert path.hops == 2
    assert [step.how for step in path.steps] == ["", "introduced", "knows"]


def test_shortest_paths_come_first_and_people_you_know_need_no_introduction(alice):
    bridge = person(alice, "Bridge")
    far_middle = person(alice, "Middle", stage=Stage.WANT_TO_MEET, introduced_by=bridge)
    far = person(alice, "Far", company="Acme", stage=Stage.WANT_TO_MEET, introduced_by=far_middle)
    near = person(alice, "Near", company="Acme", stage=Stage.WANT_TO_MEET, introduced_by=bridge)
    known = person(alice, "Known", company="Acme")

    results = who_can_introduce(alice, match_on=MatchOn.COMPANY, text="Acme")

    assert [path.target for path in results.paths] == [known, near, far]
    assert [path.hops for path in results.paths] == [0, 1, 2]
    assert results.direct_count == 1 and results.reachable_count == 3


def test_people_with_no_known_path_are_listed_apart(alice):
    stranger = person(alice, "Stranger", company="Acme", stage=Stage.WANT_TO_MEET)

    results = who_can_introduce(alice, match_on=MatchOn.COMPANY, text="acme")

    assert results.paths == []
    assert results.unreachable == [stranger]


def test_matching_on_title_or_tag(alice):
    hiring = TagFactory(owner=alice, name="Hiring")
    manager = person(alice, "Manager", title="Hiring Manager")
    tagged = person(alice, "Tagged")
    tagged.tags.add(hiring)

    by_title = who_can_introduce(alice, match_on=MatchOn.TITLE, text="hiring manager")
    by_tag = who_can_introduce(alice, match_on=MatchOn.TAG, text="hiring")

    assert [p.target for p in by_title.paths] == [manager]
    assert [p.target for p in by_tag.paths] == [tagged]


def test_an_introduction_cycle_does_not_hang_the_search(alice):
    a = person(alice, "A", stage=Stage.WANT_TO_MEET)
    b = person(alice, "B", company="Acme", stage=Stage.WANT_TO_MEET, introduced_by=a)
    a.introduced_by = b
    a.save()

    results = who_can_introduce(alice, match_on=MatchOn.COMPANY, text="acme")

    assert results.unreachable == [b]


def test_the_page_shows_the_paths_and_the_first_person_to_ask(alice, alice_client):
    you_know = person(alice, "Alice")
    person(alice, "Target", company="Acme", stage=Stage.WANT_TO_MEET, introduced_by=you_know)

    response = alice_client.get(URL, {"q": "Acme", "by": "company"})

    content = response.content.decode()
    assert response.status_code == 200
    assert "1 person matches" in content
    assert "first ask <strong>Alice</strong>" in content
    assert reverse("contacts:detail", args=[you_know.pk]) in content


def test_an_empty_question_shows_an_error_and_no_results(alice_client):
    response = alice_client.get(URL, {"q": "  ", "by": "company"})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert response.context["results"] is None


def test_an_unknown_match_field_is_an_error_not_a_crash(alice_client):
    response = alice_client.get(URL, {"q": "Acme", "by": "salary"})

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()


def test_bob_finds_none_of_alices_people(alice, bob_client):
    build_network(alice, size=6)

    response = bob_client.get(URL, {"q": "Acme"})

    assert "Person" not in response.content.decode()
    assert response.context["results"].match_count == 0


def test_the_page_only_answers_get(alice_client):
    assert alice_client.post(URL, {"q": "Acme"}).status_code == 405


@pytest.mark.parametrize("size", [3, 40])
def test_the_page_costs_the_same_number_of_queries_for_small_and_larger_networks(
    alice, alice_client, django_assert_max_num_queries, size
):
    build_network(alice, size=size)
    # session, user, tag names for the suggestions; matches, introductions (with the
    # people not met yet), "knows" links, and the people on the shown paths.
    with django_assert_max_num_queries(7):
        response = alice_client.get(URL, {"q": "Acme"})
    assert response.context["results"].paths
