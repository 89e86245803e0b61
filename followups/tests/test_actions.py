"""One-click done, skip, snooze and reopen."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def followup(alice):
    return FollowUpFactory(owner=alice, title="Thank Ken", due_on=NOW.date())


def test_done_closes_the_loop_and_returns_to_the_list(alice_client, followup):
    response = alice_client.post(reverse("followups:done", args=[followup.pk]))

    assert response.status_code == 302 and response.url == reverse("followups:list")
    followup.refresh_from_db()
    assert followup.state == FollowUpState.DONE and followup.done_at == NOW


def test_done_twice_says_it_was_already_closed(alice_client, followup):
    alice_client.post(reverse("followups:done", args=[followup.pk]))
    response = alice_client.post(reverse("followups:done", args=[followup.pk]), follow=True)

    assert "was already closed" in response.content.decode()


def test_skip_closes_it_without_doing_it(alice_client, followup):
    alice_client.post(reverse("followups:skip", args=[followup.pk]))

    followup.refresh_from_db()
    assert followup.state == FollowUpState.SKIPPED and followup.done_at is None


def test_snooze_hides_it_for_the_chosen_days_and_returns_to_the_page_it_was_on(alice_client, followup):
    response = alice_client.post(
        reverse("followups:snooze", args=[followup.pk]), {"days": "7", "next": followup.get_absolute_url()}
    )

    assert response.url == followup.get_absolute_url()
    followup.refresh_from_db()
    assert followup.snoozed_until == NOW.date() + dt.timedelta(days=7)


def test_a_bad_snooze_length_changes_nothing_and_says_why(alice_client, followup):
    response = alice_client.post(reverse("followups:snooze", args=[followup.pk]), {"days": "1000"}, follow=True)

    assert "Choose how long to snooze it" in response.content.decode()
    followup.refresh_from_db()
    assert followup.snoozed_until is None


def test_an_offsite_next_is_ignored(alice_client, followup):
    response = alice_client.post(reverse("followups:done", args=[followup.pk]), {"next": "https://evil.example/"})

    assert response.url == reverse("followups:list")


def test_reopen_brings_a_closed_follow_up_back(alice_client, followup):
    alice_client.post(reverse("followups:done", args=[followup.pk]))
    alice_client.post(reverse("followups:reopen", args=[followup.pk]))

    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN and followup.done_at is None


@pytest.mark.parametrize("name", ["done", "skip", "snooze", "reopen"])
def test_actions_refuse_get(alice_client, followup, name):
    assert alice_client.get(reverse(f"followups:{name}", args=[followup.pk])).status_code == 405


@pytest.mark.parametrize("name", ["done", "skip", "snooze", "reopen"])
def test_bob_gets_a_404_and_changes_nothing(followup, assert_hidden_from_bob, name):
    assert_hidden_from_bob(reverse(f"followups:{name}", args=[followup.pk]), method="post", data={"days": "3"})
    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN and followup.snoozed_until is None


def test_an_action_costs_a_fixed_number_of_queries(alice_client, followup, django_assert_max_num_queries):
    # session, user, fetch the follow-up (with its owner), the conditional update, a thank-you done
    # closes the person's keep-in-touch (update), session save for the message
    with django_assert_max_num_queries(6):
        alice_client.post(reverse("followups:done", args=[followup.pk]))
