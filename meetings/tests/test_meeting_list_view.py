"""/meetings/: upcoming, needing an answer, ideas, past, with filters; constant queries as meetings grow."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from meetings.models import MeetingState
from netweave.cache import bump_owner

from .factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
S = MeetingState
URL = reverse("meetings:list")


def listed(response) -> list[str]:
    return [m.contact.given_name for m in response.context["object_list"]]


def make(owner, name: str, state: str, **fields):
    contact = ContactFactory(owner=owner, given_name=name, family_name="Example", company=fields.pop("company", "Acme"))
    return MeetingFactory(owner=owner, contact=contact, state=state, **fields)


def test_upcoming_is_the_default_and_lists_scheduled_meetings_soonest_first(alice, alice_client):
    make(alice, "Later", S.SCHEDULED, starts_at=NOW + timedelta(days=5))
    make(alice, "Soon", S.SCHEDULED, starts_at=NOW + timedelta(days=1))
    make(alice, "Asked", S.REQUESTED, requested_at=NOW - timedelta(days=3))

    response = alice_client.get(URL)

    assert listed(response) == ["Soon", "Later"]
    assert [(key, count) for key, _, count in response.context["tabs"]] == [
        ("upcoming", 2),
        ("waiting", 1),
        ("ideas", 0),
        ("past", 0),
        ("all", 3),
    ]


def test_needing_an_answer_lists_requests_oldest_first(alice, alice_client):
    make(alice, "Recent", S.REQUESTED, requested_at=NOW - timedelta(days=1))
    make(alice, "Old", S.REQUESTED, requested_at=NOW - timedelta(days=9))
    make(alice, "Yes", S.SCHEDULED, starts_at=NOW + timedelta(days=1))

    response = alice_client.get(URL, {"show": "waiting"})

    assert listed(response) == ["Old", "Recent"]
    assert "asked 23 Feb" in response.content.decode()


def test_past_lists_held_declined_unanswered_and_cancelled_meetings(alice, alice_client):
    for state in (S.HELD, S.DECLINED, S.NO_REPLY, S.CANCELLED, S.IDEA, S.REQUESTED, S.SCHEDULED):
        make(alice, str(state.label), state, starts_at=NOW - timedelta(days=2))

    response = alice_client.get(URL, {"show": "past"})

    assert sorted(listed(response)) == ["Cancelled", "Declined", "Held", "No reply"]


def test_filters_narrow_by_state_search_kind_and_person(alice, alice_client):
    search = SearchFactory(owner=alice)
    make(alice, "Ken", S.HELD, search=search, kind="phone", company="Globex")
    make(alice, "Maria", S.HELD, search=search, kind="coffee")
    make(alice, "Sam", S.DECLINED, kind="phone")

    assert sorted(listed(alice_client.get(URL, {"show": "all", "state": "held"}))) == ["Ken", "Maria"]
    assert sorted(listed(alice_client.get(URL, {"show": "all", "search": search.pk}))) == ["Ken", "Maria"]
    assert sorted(listed(alice_client.get(URL, {"show": "all", "kind": "phone"}))) == ["Ken", "Sam"]
    assert listed(alice_client.get(URL, {"show": "all", "q": "globex"})) == ["Ken"]


def test_the_person_filter_needs_every_word_as_the_contact_search_does(alice, bob, alice_client):
    make(alice, "Ken", S.HELD, company="Globex")
    make(alice, "Maria", S.HELD, company="Initech")
    make(bob, "Ken", S.HELD, company="Globex")  # the same person in another network stays out

    assert listed(alice_client.get(URL, {"show": "all", "q": "ken globex"})) == ["Ken"]
    assert listed(alice_client.get(URL, {"show": "all", "q": "maria globex"})) == []


def test_a_bad_filter_value_shows_the_error_instead_of_failing(alice, alice_client):
    make(alice, "Ken", S.HELD)

    response = alice_client.get(URL, {"show": "all", "state": "sideways"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_list_never_shows_someone_elses_meetings(alice, bob, bob_client):
    make(alice, "Ken", S.SCHEDULED, starts_at=NOW + timedelta(days=1))
    alices_search = SearchFactory(owner=alice)

    response = bob_client.get(URL, {"show": "all"})

    assert listed(response) == []
    assert [count for _, _, count in response.context["tabs"]] == [0, 0, 0, 0, 0]
    assert bob_client.get(URL, {"show": "all", "search": alices_search.pk}).context["filter"].errors


@pytest.mark.parametrize("show", ["upcoming", "waiting", "ideas", "past", "all"])
def test_each_tab_makes_the_same_number_of_queries_as_meetings_grow(
    alice, alice_client, show, django_assert_num_queries
):
    search = SearchFactory(owner=alice)

    def add(count: int) -> None:
        for i in range(count):
            state = list(S)[i % len(S)]
            make(alice, f"P{i}", state, search=search, starts_at=NOW + timedelta(days=i - 3))

    # session, user, the chosen search (validating the filter), page count, tab counts, the page
    # with contacts and searches, the search choices
    add(len(S))  # one in each state, so every tab has a page to show
    with django_assert_num_queries(7):
        alice_client.get(URL, {"show": show, "search": search.pk})
    add(60)
    bump_owner(alice.pk)  # as the services and write requests do; the factories do not
    with django_assert_num_queries(7):
        response = alice_client.get(URL, {"show": show, "search": search.pk})
    assert response.context["object_list"]
    # Warm: the tab counts come from the owner's cache until the next write.
    with django_assert_num_queries(6):
        alice_client.get(URL, {"show": show, "search": search.pk})


def test_each_row_links_the_meeting_and_shows_when_what_and_its_state(alice, alice_client):
    meeting = make(
        alice,
        "Ada <Lovelace>",
        S.SCHEDULED,
        starts_at=NOW + timedelta(days=1),
        duration_minutes=20,
        search=SearchFactory(owner=alice, title="Data & analytics"),
    )

    page = alice_client.get(URL).content.decode()

    assert f'href="{meeting.get_absolute_url()}">Ada &lt;Lovelace&gt; Example</a>' in page
    assert "Acme · Data &amp; analytics" in page
    assert "Thu 5 Mar 2026" in page and "10:30 · 20 min" in page
    assert f">{meeting.get_purpose_display()}</td>" in page
    assert '<span class="badge rounded-pill text-bg-primary">Scheduled</span>' in page


def test_a_long_tab_is_paged_twenty_five_at_a_time(alice, alice_client):
    for i in range(26):
        make(alice, f"P{i:02d}", S.SCHEDULED, starts_at=NOW + timedelta(days=i + 1))

    first = alice_client.get(URL)
    second = alice_client.get(URL, {"page": 2})

    assert len(listed(first)) == 25 and "Page 1 of 2" in first.content.decode()
    assert listed(second) == ["P25"]


def test_a_request_sent_under_a_minute_ago_says_just_now(alice, alice_client):
    make(alice, "Fresh", S.REQUESTED, requested_at=NOW - timedelta(seconds=5))
    make(alice, "Older", S.REQUESTED, requested_at=NOW - timedelta(days=3))

    content = alice_client.get(URL, {"show": "waiting"}).content.decode()

    assert '<div class="small nw-muted">just now</div>' in content
    assert "0\xa0minutes" not in content
    assert '<div class="small nw-muted">3\xa0days ago</div>' in content
