"""Log-in lockouts count the client's real address behind the proxy, per account and per address."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy: every request reaches Django from here
PASSWORD = "correct horse battery staple"


def log_in(address: str, username: str, password: str):
    # A forged entry on the left proves nothing; the proxy appends the real client.
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"6.6.6.6, {address}").post(
        reverse("login"), {"username": username, "password": password}
    )


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


def test_failures_from_one_address_lock_that_address_but_not_the_account_elsewhere(behind_one_proxy, alice):
    for _ in range(6):
        log_in("203.0.113.5", "alice", "nope")

    locked = log_in("203.0.113.5", "alice", PASSWORD)
    elsewhere = log_in("198.51.100.7", "alice", PASSWORD)

    assert locked.status_code == 429
    assert elsewhere.status_code == 302
    assert elsewhere.url == reverse("dashboard")


def test_many_failures_over_different_usernames_lock_the_address_for_everyone(behind_one_proxy, settings, alice):
    for number in range(settings.NETWEAVE_ADDRESS_FAILURE_LIMIT):
        log_in("203.0.113.9", f"guess{number % 20}", "nope")

    locked = log_in("203.0.113.9", "alice", PASSWORD)
    elsewhere = log_in("198.51.100.7", "alice", PASSWORD)

    assert locked.status_code == 429
    assert b"Too many failed log-ins" in locked.content
    assert elsewhere.status_code == 302


def test_a_few_failures_over_different_usernames_do_not_lock_the_address(behind_one_proxy, alice):
    for number in range(10):
        log_in("203.0.113.9", f"guess{number}", "nope")

    assert log_in("203.0.113.9", "alice", PASSWORD).status_code == 302


def test_without_a_proxy_the_forwarded_header_is_ignored(settings, db):
    settings.PROXY_COUNT = 0
    UserFactory(username="carol")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        log_in("203.0.113.5", "carol", "nope")

    # Everyone reaches Django from the same address here, and a forged header changes nothing.
    assert log_in("198.51.100.7", "carol", PASSWORD).status_code == 429


@pytest.mark.parametrize("username", ["x" * 300, "é" * 3000])
def test_an_over_long_username_is_a_failed_log_in_not_an_error(alice, username):
    response = Client().post(reverse("login"), {"username": username, "password": "nope"})

    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content or b"at most" in response.content
