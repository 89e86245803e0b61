from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory
from followups.views import SECTION_PAGE_SIZE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = reverse("followups:list")
TODAY = NOW.date()


def overdue(owner, count: int) -> None:
    for days in range(1, count + 1):
        FollowUpFactory(owner=owner, title=f"Overdue by {days}", due_on=TODAY - dt.timedelta(days=days))


def test_one_section_shows_all_its_follow_ups_a_page_at_a_time(alice, alice_client):
    overdue(alice, SECTION_PAGE_SIZE + 2)

    first = alice_client.get(URL, {"show": "overdue"})
    second = alice_client.get(URL, {"show": "overdue", "page": 2})

    assert len(first.context["shown"]["items"]) == SECTION_PAGE_SIZE
    assert first.context["shown"]["items"][0].title == f"Overdue by {SECTION_PAGE_SIZE + 2}"
    assert [f.title for f in second.context["shown"]["items"]] == ["Overdue by 2", "Overdue by 1"]
    assert f"51–52 of {SECTION_PAGE_SIZE + 2}" in second.content.decode()
    assert "Page 2 of 2" in second.content.decode()


def test_the_section_shows_only_its_own_follow_ups(alice, alice_client):
    FollowUpFactory(owner=alice, title="Call Grace", due_on=TODAY)
    FollowUpFactory(owner=alice, title="Closed", state=FollowUpState.SKIPPED)

    response = alice_client.get(URL, {"show": "done"})

    assert [f.title for f in response.context["shown"]["items"]] == ["Closed"]
    assert "Call Grace" not in response.content.decode()


def test_the_buttons_return_to_the_same_page_of_the_section(alice, alice_client):
    overdue(alice, SECTION_PAGE_SIZE + 1)

    page = alice_client.get(URL, {"show": "overdue", "page": 2}).content.decode()

    assert 'name="next" value="/followups/?show=overdue&amp;page=2"' in page


def test_an_unknown_section_shows_the_overview(alice, alice_client):
    response = alice_client.get(URL, {"show": "everything"})

    assert response.status_code == 200
    assert "shown" not in response.context
    assert [s["id"] for s in response.context["sections"]] == ["overdue", "today", "upcoming", "done"]


@pytest.mark.parametrize("page", ["99", "x"])
def test_a_page_out_of_range_shows_a_real_page(alice, alice_client, page):
    overdue(alice, 3)

    response = alice_client.get(URL, {"show": "overdue", "page": page})

    assert response.status_code == 200
    assert len(response.context["shown"]["items"]) == 3


def test_an_empty_section_says_so(alice, alice_client):
    response = alice_client.get(URL, {"show": "today"})

    assert "Nothing due today." in response.content.decode()


def test_bob_sees_none_of_alices_follow_ups_in_a_section(alice, bob_client):
    FollowUpFactory(owner=alice, title="Alice's secret", due_on=TODAY - dt.timedelta(days=1))

    response = bob_client.get(URL, {"show": "overdue"})

    assert "Alice's secret" not in response.content.decode()
    assert response.context["shown"]["count"] == 0


@pytest.mark.parametrize("count", [3, 2 * SECTION_PAGE_SIZE + 5])
def test_a_section_costs_the_same_queries_at_any_size(alice, alice_client, count, django_assert_max_num_queries):
    overdue(alice, count)
    # session, user, the section totals (also the paginator's count), the page's rows
    with django_assert_max_num_queries(4):
        response = alice_client.get(URL, {"show": "overdue", "page": 2})
    assert response.status_code == 200
