"""Password reset requests are limited per client address and per email address."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db
URL = reverse("password_reset")


def ask(address: str, email: str):
    return Client(REMOTE_ADDR=address).post(URL, {"email": email})


def test_one_address_asking_too_often_gets_a_clear_429(alice, settings):
    limit = settings.NETWEAVE_PASSWORD_RESET_PER_ADDRESS
    answers = [ask("203.0.113.5", f"nobody{number}@example.com").status_code for number in range(limit)]

    refused = ask("203.0.113.5", "alice@example.com")
    other_address = ask("198.51.100.7", "alice@example.com")

    assert answers == [302] * limit
    assert refused.status_code == 429
    assert "Too many reset requests" in refused.content.decode()
    assert other_address.status_code == 302
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]


def test_one_email_address_gets_only_a_few_links_whoever_asks(alice, settings):
    limit = settings.NETWEAVE_PASSWORD_RESET_PER_EMAIL
    for number in range(limit):
        assert ask(f"203.0.113.{number + 1}", "alice@example.com").status_code == 302

    refused = ask("198.51.100.7", "ALICE@example.com")

    assert refused.status_code == 429
    assert len(mail.outbox) == limit


def test_behind_the_proxy_the_limit_is_per_real_client(alice, settings):
    settings.PROXY_COUNT = 1
    busy = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for number in range(settings.NETWEAVE_PASSWORD_RESET_PER_ADDRESS + 1):
        busy.post(URL, {"email": f"n{number}@example.com"})

    other = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7").post(URL, {"email": "a@example.com"})

    assert other.status_code == 302
