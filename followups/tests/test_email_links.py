"""Links in reminder emails: unsubscribe and item actions, without logging in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from conftest import NOW
from followups.links import action_url, unsubscribe_url
from followups.models import FollowUpState, ReminderKind
from followups.tests.factories import FollowUpFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def path(url: str) -> str:
    return url.removeprefix("http://testserver")


@pytest.fixture
def anonymous() -> Client:
    return Client(enforce_csrf_checks=True)


# --- Unsubscribe ----------------------------------------------------------------------


def test_the_unsubscribe_link_asks_first_then_switches_the_email_off_without_login(alice, anonymous):
    url = path(unsubscribe_url(alice, ReminderKind.WEEKLY))

    confirm = anonymous.get(url)
    alice.refresh_from_db()
    assert confirm.status_code == 200 and alice.weekly_digest_enabled  # a GET (a mail scanner) changes nothing

    done = anonymous.post(url)

    alice.refresh_from_db()
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert not alice.weekly_digest_enabled
    assert alice.daily_reminder_enabled  # only the one email named in the link


def test_one_click_unsubscribe_from_the_mail_provider_works(alice, anonymous):
    url = path(unsubscribe_url(alice, ReminderKind.DAILY))

    response = anonymous.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")

    alice.refresh_from_db()
    assert response.status_code == 200 and not alice.daily_reminder_enabled


def test_a_second_unsubscribe_says_it_was_already_off(alice, anonymous):
    url = path(unsubscribe_url(alice, ReminderKind.DAILY))
    anonymous.post(url)

    assert "Already unsubscribed" in anonymous.post(url).content.decode()


@pytest.mark.parametrize("tamper", ["flip_a_character", "other_user", "other_salt", "garbage"])
def test_a_tampered_unsubscribe_token_is_rejected(alice, bob, anonymous, tamper):
    token = path(unsubscribe_url(alice, ReminderKind.WEEKLY)).split("/")[-2]
    forged = {
        "flip_a_character": token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:],
        "other_user": token.replace(
            token.split(":")[0], path(unsubscribe_url(bob, "weekly")).split("/")[-2].split(":")[0]
        ),
        "other_salt": path(action_url(FollowUpFactory(owner=alice), "done")).split("/")[-2],
        "garbage": "not-a-token",
    }[tamper]

    response = anonymous.post(f"/followups/email/unsubscribe/{forged}/")

    alice.refresh_from_db()
    bob.refresh_from_db()
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert alice.weekly_digest_enabled and bob.weekly_digest_enabled


def test_unsubscribe_refuses_other_methods(alice, anonymous):
    assert anonymous.put(path(unsubscribe_url(alice, ReminderKind.DAILY))).status_code == 405


# --- Done and snooze from the email ---------------------------------------------------


def test_the_done_link_confirms_on_get_and_acts_once_on_post(alice, anonymous):
    followup = FollowUpFactory(owner=alice, title="Thank Ken", due_on=NOW.date())
    url = path(action_url(followup, "done"))

    page = anonymous.get(url)
    followup.refresh_from_db()
    assert page.status_code == 200 and followup.state == FollowUpState.OPEN
    assert "Mark it done" in page.content.decode()

    csrf = anonymous.cookies["csrftoken"].value
    first = anonymous.post(url, {"csrfmiddlewaretoken": csrf})
    second = anonymous.post(url, {"csrfmiddlewaretoken": csrf})

    followup.refresh_from_db()
    assert followup.state == FollowUpState.DONE and followup.done_at == NOW
    assert "Marked done" in first.content.decode()
    assert "already marked done" in second.content.decode()
    assert "already marked done" in anonymous.get(url).content.decode()


def test_the_snooze_link_snoozes_once(alice):
    followup = FollowUpFactory(owner=alice, due_on=NOW.date())
    until = NOW.date() + dt.timedelta(days=3)
    url = path(action_url(followup, "snooze", until=until))
    client = Client()

    first = client.post(url)
    followup.refresh_from_db()
    assert followup.snoozed_until == until and "Snoozed until Saturday 7 March" in first.content.decode()

    assert "already snoozed until Saturday 7 March." in client.post(url).content.decode()  # unpadded, as above

    followup.snoozed_until = None  # the user un-snoozed it in the app
    followup.save()
    again = client.post(url)  # the old email's link no longer undoes what the user did since
    followup.refresh_from_db()
    assert followup.snoozed_until is None
    assert "This link no longer applies" in again.content.decode()


def test_a_tampered_action_token_is_rejected(alice, anonymous):
    followup = FollowUpFactory(owner=alice)
    token = path(action_url(followup, "done")).split("/")[-2]

    response = Client().post(f"/followups/email/act/{token[:-2]}xx/")

    followup.refresh_from_db()
    assert response.status_code == 400 and followup.state == FollowUpState.OPEN


def test_an_expired_action_link_is_rejected(alice, frozen):
    followup = FollowUpFactory(owner=alice)
    url = path(action_url(followup, "done"))
    frozen.shift(dt.timedelta(days=60))

    assert Client().post(url).status_code == 400


def test_the_email_pages_cost_a_fixed_number_of_queries(alice, django_assert_max_num_queries):
    followup = FollowUpFactory(owner=alice)
    url = path(action_url(followup, "done"))
    # the follow-up with its contact, the conditional update, a thank-you done closes the
    # person's keep-in-touch (update), the re-read
    with django_assert_max_num_queries(4):
        Client().post(url)
