"""The one "outcome reports waiting" read: ``FollowUp.objects.for_owner(u).outcome_reports_waiting()``."""

from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from dashboard.agenda import outcome_reports_waiting
from followups import reminders
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import SearchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches(alice, bob):
    """Two of alice's searches with proposed outcome reports, and rows that must not count."""
    product = SearchFactory(owner=alice, title="Product roles")
    teaching = SearchFactory(owner=alice, title="Teaching")
    for search, people in ((product, 2), (teaching, 1)):
        FollowUpFactory.create_batch(
            people, owner=alice, search=search, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED
        )
    # Accepted already: an open follow-up, not waiting for review.
    FollowUpFactory(owner=alice, search=product, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.OPEN)
    # Proposed, but not an outcome report.
    FollowUpFactory(owner=alice, search=product, kind=FollowUpKind.PROMISE, state=FollowUpState.PROPOSED)
    # Another user's.
    FollowUpFactory(
        owner=bob,
        search=SearchFactory(owner=bob),
        kind=FollowUpKind.OUTCOME_REPORT,
        state=FollowUpState.PROPOSED,
    )
    return product, teaching


def test_only_proposed_outcome_reports_are_waiting(alice, searches):
    waiting = FollowUp.objects.for_owner(alice).outcome_reports_waiting()

    assert waiting.count() == 3
    assert {followup.kind for followup in waiting} == {FollowUpKind.OUTCOME_REPORT}


def test_per_search_counts_the_people_to_tell_for_each_search_by_title(alice, searches):
    product, teaching = searches

    rows = list(FollowUp.objects.for_owner(alice).outcome_reports_waiting().per_search())

    assert [(row["search_id"], row["search__title"], row["people"]) for row in rows] == [
        (product.pk, "Product roles", 2),
        (teaching.pk, "Teaching", 1),
    ]


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_the_digest_the_list_and_the_review_page_agree(alice, alice_client, searches):
    product, _ = searches
    dashboard = [(group.search_id, group.count) for group in outcome_reports_waiting(alice)]
    digest = [
        (row["search_id"], row["people"])
        for row in reminders.weekly_contents([alice], NOW)[alice.pk].outcome_reports.rows
    ]
    listed = [
        (row["search_id"], row["people"])
        for row in alice_client.get(reverse("followups:list")).context["outcome_reviews"]
    ]
    review = alice_client.get(reverse("followups:review_outcome_reports", args=[product.pk])).context["rows"]

    assert dashboard == digest == listed == [(product.pk, 2), (searches[1].pk, 1)]
    assert len(review) == 2
