from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/contacts/", "/meetings/", "/followups/", "/accounts/preferences/"])
def test_anonymous_visitors_are_sent_to_the_login_page(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("url_name", ["login", "password_reset"])
def test_login_and_password_reset_pages_are_public(client, url_name):
    assert client.get(reverse(url_name)).status_code == 200


def test_logging_in_lands_on_the_dashboard(client, alice):
    response = client.post(
        reverse("login"), {"username": "alice", "password": "correct horse battery staple"}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("dashboard")
    assert b"Dashboard" in response.content


def test_a_wrong_password_shows_an_error_and_keeps_the_username(client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})

    assert response.status_code == 200
    assert b"Please enter a correct username and password" in response.content
    assert b'value="alice"' in response.content


def test_repeated_failures_lock_the_login_out_with_a_clear_message(client, alice, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "alice", "password": "nope"})

    response = client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})

    assert response.status_code == 429
    assert b"Too many failed log-ins" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(alice_client):
    assert alice_client.get(reverse("logout")).status_code == 405

    response = alice_client.post(reverse("logout"))

    assert response.url == reverse("login")
    assert alice_client.get("/").status_code == 302


def test_password_reset_mail_goes_through_the_email_setup(client, alice):
    response = client.post(reverse("password_reset"), {"email": "alice@example.com"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert "/accounts/reset/" in mail.outbox[0].body


def test_password_change_keeps_the_user_logged_in(alice_client):
    response = alice_client.post(
        reverse("password_change"),
        {
            "old_password": "correct horse battery staple",
            "new_password1": "a much longer passphrase 42",
            "new_password2": "a much longer passphrase 42",
        },
    )

    assert response.status_code == 302
    assert alice_client.get("/").status_code == 200


def test_signup_is_off_by_default(client):
    assert client.get(reverse("accounts:signup")).status_code == 404


def test_signup_when_switched_on_creates_and_logs_in_the_user(client, settings, db):
    settings.NETWEAVE_SIGNUP = True

    response = client.post(
        reverse("accounts:signup"),
        {
            "username": "carol",
            "email": "carol@example.com",
            "password1": "a long passphrase 42",
            "password2": "a long passphrase 42",
        },
    )

    assert response.url == reverse("dashboard")
    assert Client().get("/").status_code == 302
    assert client.get("/").status_code == 200


def test_signup_with_bad_input_shows_errors_and_creates_nobody(client, settings, django_user_model):
    settings.NETWEAVE_SIGNUP = True

    response = client.post(
        reverse("accounts:signup"),
        {"username": "carol", "email": "", "password1": "a long passphrase 42", "password2": "different"},
    )

    assert response.status_code == 200
    assert b"The two password fields" in response.content
    assert not django_user_model.objects.filter(username="carol").exists()
