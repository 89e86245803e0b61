from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = reverse("followups:list")
TODAY = NOW.date()


def test_the_list_shows_overdue_due_today_upcoming_and_done(alice, alice_client):
    FollowUpFactory(owner=alice, title="Overdue note", due_on=TODAY - dt.timedelta(days=2))
    FollowUpFactory(owner=alice, title="Today's note", due_on=TODAY)
    FollowUpFactory(owner=alice, title="Snoozed note", due_on=TODAY, snoozed_until=TODAY + dt.timedelta(days=3))
    FollowUpFactory(owner=alice, title="Next week's note", due_on=TODAY + dt.timedelta(days=7))
    FollowUpFactory(owner=alice, title="Closed note", state=FollowUpState.DONE, done_at=NOW)

    response = alice_client.get(URL)

    sections = {s["id"]: [f.title for f in s["items"]] for s in response.context["sections"]}
    assert sections == {
        "overdue": ["Overdue note"],
        "today": ["Today's note"],
        "upcoming": ["Snoozed note", "Next week's note"],
    }
    assert [f.title for f in response.context["closed"]] == ["Closed note"]
    assert "snoozed until" in response.content.decode()


def test_outcome_reports_waiting_for_review_are_flagged(alice, alice_client):
    search = SearchFactory(owner=alice, title="Product roles")
    FollowUpFactory(owner=alice, search=search, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED)

    response = alice_client.get(URL)

    assert reverse("followups:review_outcome_reports", args=[search.pk]) in response.content.decode()
    assert "1 outcome report</strong> waiting" in response.content.decode()


def test_bob_sees_none_of_alices_follow_ups(alice, bob_client):
    FollowUpFactory(owner=alice, title="Alice's secret", due_on=TODAY)

    response = bob_client.get(URL)

    assert "Alice's secret" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 40])
def test_the_list_costs_the_same_queries_at_any_size(alice, alice_client, count, django_assert_max_num_queries):
    for i in range(count):
        FollowUpFactory(owner=alice, due_on=TODAY + dt.timedelta(days=i - count // 2))
    # session, user, overdue, due today, upcoming, closed, outcome reports waiting
    with django_assert_max_num_queries(7):
        assert alice_client.get(URL).status_code == 200
