"""Changing the email address: the current password, a link to the new address, a notice to the old one."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts import email_change
from conftest import NOW

pytestmark = pytest.mark.django_db
URL = reverse("accounts:change_email")
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def confirm_path() -> str:
    body = next(str(message.body) for message in mail.outbox if message.to == ["new@example.com"])
    link = re.search(r"http://testserver(/accounts/email/confirm/\S+/)", body)
    assert link, body
    return link.group(1)


def test_the_preferences_form_no_longer_changes_the_address(alice_client, alice):
    from accounts.tests.test_preferences import valid_data

    alice_client.post(reverse("accounts:preferences"), valid_data(email="mallory@example.com"))

    alice.refresh_from_db()
    assert alice.email == "alice@example.com"


def test_a_change_needs_the_current_password(alice_client, alice):
    response = alice_client.post(URL, {"new_email": "new@example.com", "current_password": "wrong"})

    alice.refresh_from_db()
    assert response.status_code == 200
    assert "That is not your current password" in response.content.decode()
    assert alice.email == "alice@example.com" and alice.pending_email == ""
    assert mail.outbox == []


def test_the_new_address_gets_a_link_and_the_old_one_a_notice_and_keeps_the_reminders(alice_client, alice):
    response = alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})

    alice.refresh_from_db()
    assert response.url == reverse("accounts:preferences")
    assert alice.email == "alice@example.com"  # reminders still go here
    assert alice.pending_email == "new@example.com"
    assert sorted(message.to[0] for message in mail.outbox) == ["alice@example.com", "new@example.com"]
    notice = next(message for message in mail.outbox if message.to == ["alice@example.com"])
    assert "new@example.com" in notice.body and "/accounts/email/confirm/" not in notice.body


def test_opening_the_link_asks_first_then_moves_the_reminders(alice_client, alice):
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    anonymous = Client()

    page = anonymous.get(confirm_path())
    alice.refresh_from_db()
    assert page.status_code == 200 and alice.email == "alice@example.com"  # a mail scanner's GET changes nothing

    done = anonymous.post(confirm_path())

    alice.refresh_from_db()
    assert "Reminders now go to new@example.com" in done.content.decode()
    assert alice.email == "new@example.com" and alice.pending_email == ""
    assert anonymous.post(confirm_path()).status_code == 400  # used once


def test_an_expired_link_changes_nothing(alice_client, alice, frozen):
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    frozen.shift(email_change.CONFIRM_MAX_AGE + timedelta(minutes=1))

    response = Client().post(confirm_path())

    alice.refresh_from_db()
    assert response.status_code == 400 and alice.email == "alice@example.com"


def test_a_newer_request_supersedes_the_older_link(alice_client, alice):
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    old_link = confirm_path()
    alice_client.post(URL, {"new_email": "other@example.com", "current_password": PASSWORD})

    response = Client().post(old_link)

    alice.refresh_from_db()
    assert response.status_code == 400 and alice.email == "alice@example.com"


def test_a_link_for_one_user_cannot_change_another(alice, bob):
    bob.pending_email = "new@example.com"
    bob.save()
    token = email_change.confirmation_token(alice, "new@example.com")

    response = Client().post(reverse("accounts:confirm_email", args=[token]))

    bob.refresh_from_db()
    assert response.status_code == 400 and bob.email == "bob@example.com"


def test_a_tampered_link_is_rejected(alice_client, alice):
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    forged = confirm_path().replace("/confirm/", "/confirm/x")

    assert Client().post(forged).status_code == 400


def test_a_deactivated_account_cannot_confirm(alice_client, alice):
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    alice.is_active = False
    alice.save()

    assert Client().post(confirm_path()).status_code == 400


def test_the_change_page_needs_a_login(client):
    assert client.get(URL).status_code == 302


def test_the_same_address_is_refused(alice_client):
    response = alice_client.post(URL, {"new_email": "ALICE@example.com", "current_password": PASSWORD})

    assert "already your address" in response.content.decode()


def test_the_pages_cost_a_fixed_number_of_queries(alice_client, alice, django_assert_max_num_queries):
    # session, user
    with django_assert_max_num_queries(2):
        assert alice_client.get(URL).status_code == 200
    alice_client.post(URL, {"new_email": "new@example.com", "current_password": PASSWORD})
    # the user named in the link
    with django_assert_max_num_queries(1):
        assert Client().get(confirm_path()).status_code == 200
