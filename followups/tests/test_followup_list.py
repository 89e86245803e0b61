from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from followups.views import OVERVIEW_LIMIT
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
        "done": ["Closed note"],
    }
    assert {s["id"]: s["count"] for s in response.context["sections"]} == {
        "overdue": 1,
        "today": 1,
        "upcoming": 2,
        "done": 1,
    }
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
    # session, user, the section totals (one aggregate), overdue, due today, upcoming,
    # done and skipped (the first few of each), outcome reports waiting
    with django_assert_max_num_queries(8):
        assert alice_client.get(URL).status_code == 200


def test_the_overview_shows_the_most_urgent_few_and_links_to_the_whole_section(alice, alice_client):
    for days in range(1, OVERVIEW_LIMIT + 4):
        FollowUpFactory(owner=alice, title=f"Overdue by {days}", due_on=TODAY - dt.timedelta(days=days))

    response = alice_client.get(URL)

    overdue = next(s for s in response.context["sections"] if s["id"] == "overdue")
    assert [f.title for f in overdue["items"]] == [f"Overdue by {d}" for d in range(OVERVIEW_LIMIT + 3, 3, -1)]
    assert overdue["count"] == OVERVIEW_LIMIT + 3
    assert f'href="?show=overdue">Show all {OVERVIEW_LIMIT + 3} overdue' in response.content.decode()


def test_a_section_without_more_rows_than_the_overview_has_no_show_all_link(alice, alice_client):
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=1))

    response = alice_client.get(URL)

    assert "Show all" not in response.content.decode()


def test_the_rows_link_to_the_follow_up_its_contact_and_its_actions(alice, alice_client):
    followup = FollowUpFactory(owner=alice, title="Thank Ada <3", due_on=TODAY)

    page = alice_client.get(URL).content.decode()

    assert f'href="{followup.get_absolute_url()}">Thank Ada &lt;3</a>' in page
    assert f'href="{followup.contact.get_absolute_url()}">' in page
    for action in ("done", "snooze", "skip"):
        assert f'action="{reverse(f"followups:{action}", args=[followup.pk])}"' in page
    assert 'name="csrfmiddlewaretoken"' in page and f'name="next" value="{URL}"' in page


def test_closed_rows_offer_reopen_and_say_when_they_were_done(alice, alice_client):
    followup = FollowUpFactory(owner=alice, state=FollowUpState.DONE, done_at=NOW)

    page = alice_client.get(URL).content.decode()

    assert f'action="{reverse("followups:reopen", args=[followup.pk])}"' in page
    assert "done Wed 4 Mar" in page


def test_a_snoozed_overdue_follow_up_counts_as_upcoming_until_it_wakes(alice, alice_client):
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=5), snoozed_until=TODAY + dt.timedelta(days=2))
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=5), snoozed_until=TODAY)

    response = alice_client.get(URL)

    assert {s["id"]: s["count"] for s in response.context["sections"]} == {
        "overdue": 1,
        "today": 0,
        "upcoming": 1,
        "done": 0,
    }
