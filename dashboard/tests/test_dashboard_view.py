from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

from .builders import build_network

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_an_empty_network_gets_a_guided_start_not_a_blank_page(alice_client):
    response = alice_client.get("/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Start with the network you already have" in content
    assert reverse("imports:upload") in content
    assert "Add the people you already know" in content
    assert "Plan a first informational interview" in content
    assert "0 people in your network" in content


def test_today_lists_due_and_overdue_follow_ups_with_one_click_actions_and_the_draft(alice, alice_client):
    overdue = FollowUpFactory(owner=alice, title="Thank Ken", due_on=NOW.date() - timedelta(days=2), message="Dear Ken")
    due = FollowUpFactory(owner=alice, title="Send Maria the article", due_on=NOW.date())
    FollowUpFactory(owner=alice, title="Not yet due", due_on=NOW.date() + timedelta(days=3))
    FollowUpFactory(owner=alice, title="Already done", due_on=NOW.date(), state=FollowUpState.DONE)
    FollowUpFactory(owner=alice, title="Snoozed away", due_on=NOW.date(), snoozed_until=NOW.date() + timedelta(days=2))

    content = alice_client.get("/").content.decode()

    assert "Thank Ken" in content and "Overdue 2" in content
    assert "Send Maria the article" in content and "Due today" in content
    assert "Not yet due" not in content and "Already done" not in content and "Snoozed away" not in content
    for followup in (overdue, due):
        assert f'action="{reverse("followups:done", args=[followup.pk])}"' in content
        assert f'action="{reverse("followups:snooze", args=[followup.pk])}"' in content
    assert 'name="days" value="3"' in content and 'name="next" value="/"' in content
    assert f'id="draft-{overdue.pk}"' in content and "Dear Ken" in content


def test_this_week_links_each_scheduled_meeting_to_its_prep_sheet_and_lists_requests_awaiting_an_answer(
    alice, alice_client
):
    soon = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + timedelta(days=2))
    later = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED, starts_at=NOW + timedelta(days=9))
    waiting = MeetingFactory(
        owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - timedelta(days=5), contact__given_name="Wanda"
    )

    content = alice_client.get("/").content.decode()

    assert reverse("meetings:prep", args=[soon.pk]) in content
    assert reverse("meetings:prep", args=[later.pk]) not in content
    assert reverse("meetings:detail", args=[waiting.pk]) in content and "Wanda" in content


def test_going_cold_shows_the_most_overdue_people_first(alice, alice_client):
    ContactFactory(owner=alice, given_name="Warm", stage="ally", last_contacted_at=NOW - timedelta(days=3))
    ContactFactory(owner=alice, given_name="Chilly", stage="ally", last_contacted_at=NOW - timedelta(days=40))
    ContactFactory(owner=alice, given_name="Frozen", stage="ally", last_contacted_at=NOW - timedelta(days=400))

    content = alice_client.get("/").content.decode()
    section = content[content.index('id="cold-heading"') :]

    assert "Warm" not in section
    assert section.index("Frozen") < section.index("Chilly")


def test_outcome_reports_waiting_are_grouped_by_search_with_a_link_to_review(alice, alice_client):
    network = build_network(alice, size=3)

    content = alice_client.get("/").content.decode()

    assert "A product role at Acme" in content
    assert "3 reports drafted" in content
    assert reverse("followups:review_outcome_reports", args=[network["search"].pk]) in content


def test_progress_charts_are_drawn_as_svg_with_their_values_in_text(alice, alice_client):
    build_network(alice, size=4)

    content = alice_client.get("/").content.decode()

    assert 'aria-labelledby="held-title held-desc"' in content
    assert "4 meetings held in the last 12 weeks" in content
    assert "Show as a table" in content
    assert "Outreach to meeting" in content and "67%" in content and "of 12 requests became a meeting" in content
    assert "Thank-yous on time" in content
    assert "New contacts by source" in content and "LinkedIn" in content
    assert "Give and get" in content and "I gave" in content and "I received" in content
    # Its balance is the window's, and "People you owe" (all time) is one link away.
    assert "In these 12 weeks you" in content
    assert f'<a href="{reverse("contacts:owed")}">People you owe, over all time' in content


def test_bob_sees_nothing_of_alices_network_on_his_dashboard(alice, bob_client):
    build_network(alice, size=4)

    content = bob_client.get("/").content.decode()

    assert "Person1" not in content and "Thank Person" not in content and "A product role at Acme" not in content
    assert "0 people in your network" in content


def test_the_dashboard_only_answers_get(alice_client):
    assert alice_client.post("/").status_code == 405


@pytest.mark.parametrize("size", [2, 25])
def test_the_dashboard_costs_the_same_number_of_queries_for_small_and_larger_networks(
    alice, alice_client, django_assert_max_num_queries, size
):
    build_network(alice, size=size)
    # session, user, then: network by source (also the head count), held per week,
    # conversion, thank-yous, give/get; due follow-ups, due counts, meetings this week,
    # awaiting answer + its count, going cold (one UNION), outcome reports by search.
    with django_assert_max_num_queries(14):
        response = alice_client.get("/")
    assert response.status_code == 200


def test_going_cold_lists_the_most_overdue_and_links_to_them_all(alice, alice_client):
    for n in range(9):  # more than the card lists
        ContactFactory(owner=alice, given_name=f"Cold{n}", stage="ally", last_contacted_at=NOW - timedelta(days=40 + n))
    ContactFactory(owner=alice, given_name="Warm", stage="ally", last_contacted_at=NOW - timedelta(days=3))

    content = alice_client.get("/").content.decode()
    start = content.index('id="cold-heading"')
    section = content[start : content.index("</section>", start)]

    # Not a count: it would read every contact's clock on each fresh dashboard (56 ms at 30,000).
    assert f'<a class="small" href="{reverse("contacts:going_cold")}">All going cold</a>' in section
    assert section.count("nw-cold-age") == 6


def test_going_cold_has_no_link_when_everyone_is_warm(alice, alice_client):
    ContactFactory(owner=alice, given_name="Warm", stage="ally", last_contacted_at=NOW - timedelta(days=3))

    section = alice_client.get("/").content.decode().split('id="cold-heading"', 1)[1]

    assert "Everyone is warm" in section.split("</section>", 1)[0]
    assert reverse("contacts:going_cold") not in section.split("</section>", 1)[0]
