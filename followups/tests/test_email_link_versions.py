"""Email links carry a version: an old link never undoes what the user did since, and shows little."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups import services
from followups.links import action_url, unsubscribe_url
from followups.models import FollowUpState, ReminderKind
from followups.tests.factories import FollowUpFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def path(url: str) -> str:
    return url.removeprefix("http://testserver")


@pytest.fixture
def followup(alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Zed", emails=["ken@acme.example"])
    return FollowUpFactory(owner=alice, contact=ken, title="Thank Ken", due_on=NOW.date(), message="Secret draft")


def test_a_done_link_from_before_a_reopen_no_longer_applies(followup):
    url = path(action_url(followup, "done"))
    services.mark_done(followup, now=NOW)
    services.reopen(followup)

    response = Client().post(url)

    followup.refresh_from_db()
    assert response.status_code == 200
    assert "This link no longer applies" in response.content.decode()
    assert followup.state == FollowUpState.OPEN


def test_a_snooze_link_from_before_a_reschedule_no_longer_applies(alice_client, followup):
    url = path(action_url(followup, "snooze", until=NOW.date() + dt.timedelta(days=3)))
    alice_client.post(
        followup.get_absolute_url(),
        {"title": followup.title, "due_on": "2026-04-01", "subject": "", "message": followup.message},
    )

    response = Client().post(url)

    followup.refresh_from_db()
    assert "This link no longer applies" in response.content.decode()
    assert followup.snoozed_until is None and followup.due_on == dt.date(2026, 4, 1)


def test_a_snooze_link_after_done_elsewhere_says_so_and_changes_nothing(followup):
    url = path(action_url(followup, "snooze", until=NOW.date() + dt.timedelta(days=3)))
    services.mark_done(followup, now=NOW)

    response = Client().post(url)

    followup.refresh_from_db()
    assert "already marked done" in response.content.decode()
    assert followup.state == FollowUpState.DONE and followup.snoozed_until is None


def test_no_link_acts_for_a_deactivated_user(alice, followup):
    done = path(action_url(followup, "done"))
    unsubscribe = path(unsubscribe_url(alice, ReminderKind.DAILY))
    alice.is_active = False
    alice.save()

    done_response = Client().post(done)
    unsubscribe_response = Client().post(unsubscribe)

    followup.refresh_from_db()
    alice.refresh_from_db()
    assert done_response.status_code == 400 and followup.state == FollowUpState.OPEN
    assert unsubscribe_response.status_code == 400 and alice.daily_reminder_enabled


def test_an_unsubscribe_link_from_before_switching_back_on_no_longer_applies(alice, alice_client):
    from accounts.tests.test_preferences import valid_data

    url = path(unsubscribe_url(alice, ReminderKind.WEEKLY))
    Client().post(url)
    alice.refresh_from_db()
    assert not alice.weekly_digest_enabled
    alice_client.post(reverse("accounts:preferences"), valid_data(weekly_digest_enabled="on"))

    response = Client().post(url)

    alice.refresh_from_db()
    assert "This link no longer applies" in response.content.decode()
    assert alice.weekly_digest_enabled
    fresh = Client().post(path(unsubscribe_url(alice, ReminderKind.WEEKLY)))
    alice.refresh_from_db()
    assert "You are unsubscribed" in fresh.content.decode() and not alice.weekly_digest_enabled


def test_the_confirm_page_shows_only_the_title_until_the_owner_logs_in(followup, alice_client, bob_client):
    url = path(action_url(followup, "done"))

    for client in (Client(), bob_client):
        page = client.get(url).content.decode()
        assert "Thank Ken" in page
        assert "Zed" not in page and "ken@acme.example" not in page and "Secret draft" not in page

    assert "Ken Zed" in alice_client.get(url).content.decode()
