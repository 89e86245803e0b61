"""Personal access tokens: how they authenticate, their scope, throttling, and the Preferences page."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from api import services
from api.models import ApiToken
from conftest import NOW

CONTACTS = "/api/v1/contacts/"


def test_no_token_answers_401_with_a_bearer_challenge_not_a_login_redirect(api_anonymous, alice):
    response = api_anonymous.get(CONTACTS)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "header", ["Bearer nw_not-a-real-token", "Bearer", "Bearer two words", "Bearer something-else", "Bearer \xe9"]
)
def test_a_bad_token_answers_401(api_anonymous, alice, header):
    response = api_anonymous.get(CONTACTS, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_tokens_are_stored_hashed_with_a_visible_prefix(alice):
    row, token = services.create_token(alice, name="export")
    assert token.startswith("nw_") and len(token) > 40
    assert row.key_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(row.prefix) and len(row.prefix) == 11
    assert not ApiToken.objects.filter(key_hash=token).exists()


def test_a_revoked_token_stops_working(alice, api_anonymous):
    row, token = services.create_token(alice, name="export")
    assert api_anonymous.get(CONTACTS, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    services.revoke_token(row)
    assert api_anonymous.get(CONTACTS, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_an_inactive_users_token_stops_working(alice, api):
    alice.is_active = False
    alice.save()
    assert api.get(CONTACTS).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(alice, api_anonymous, django_assert_num_queries):
    row, token = services.create_token(alice, name="export")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    api_anonymous.get(CONTACTS, **auth)
    row.refresh_from_db()
    assert row.last_used_at == NOW
    # The token (with its owner), the contacts page (no tags to fetch): no UPDATE.
    with time_machine.travel(NOW + timedelta(seconds=30), tick=False), django_assert_num_queries(2):
        api_anonymous.get(CONTACTS, **auth)
    row.refresh_from_db()
    assert row.last_used_at == NOW
    with time_machine.travel(NOW + timedelta(minutes=2), tick=False):
        api_anonymous.get(CONTACTS, **auth)
    row.refresh_from_db()
    assert row.last_used_at == NOW + timedelta(minutes=2)


def test_a_read_only_token_reads_but_cannot_write(api_read_only):
    assert api_read_only.get(CONTACTS).status_code == 200
    response = api_read_only.post(CONTACTS, {"given_name": "Ken"}, format="json")
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


def test_requests_beyond_the_rate_are_throttled_per_token(api, api_bob, settings):
    settings.NETWEAVE_API_RATE = "2/min"
    assert api.get(CONTACTS).status_code == 200
    assert api.get(CONTACTS).status_code == 200
    throttled = api.get(CONTACTS)
    assert throttled.status_code == 429
    assert "Retry-After" in throttled
    # Another token has its own allowance.
    assert api_bob.get(CONTACTS).status_code == 200


def test_a_session_write_still_needs_the_csrf_token(alice):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.force_login(alice)
    assert client.get(CONTACTS).status_code == 200
    response = client.post(CONTACTS, {"given_name": "Ken"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_token_auth_needs_no_csrf_token(alice_token, alice):
    from rest_framework.test import APIClient

    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {alice_token}")
    assert client.post(CONTACTS, {"given_name": "Ken"}, format="json").status_code == 201


def test_the_command_prints_the_token_on_its_last_line(alice, capsys, api_anonymous):
    call_command("create_api_token", "--user", "alice", "--name", "cron", "--read-only")
    token = capsys.readouterr().out.strip().splitlines()[-1]
    row = ApiToken.objects.get(owner=alice)
    assert (row.name, row.read_only) == ("cron", True)
    assert api_anonymous.get(CONTACTS, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200


def test_the_command_refuses_an_unknown_user(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No user called"):
        call_command("create_api_token", "--user", "nobody")


# --- The Preferences page ------------------------------------------------------------


def test_preferences_links_to_the_tokens_page(alice_client):
    response = alice_client.get(reverse("accounts:preferences"))
    assert reverse("api_tokens:list").encode() in response.content


def test_creating_a_token_shows_it_once(alice_client, alice, api_anonymous):
    response = alice_client.post(reverse("api_tokens:list"), {"name": "weekly export", "access": "read_write"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = response.context["secret"]
    assert token.encode() in response.content
    row = ApiToken.objects.get(owner=alice)
    assert (row.name, row.read_only) == ("weekly export", False)
    assert api_anonymous.get(CONTACTS, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    again = alice_client.get(reverse("api_tokens:list"))
    assert token.encode() not in again.content
    assert row.prefix.encode() in again.content


def test_after_creating_a_token_the_form_keeps_the_access_chosen_and_offers_to_copy_the_token(alice_client, alice):
    response = alice_client.post(reverse("api_tokens:list"), {"name": "sync", "access": "read_write"})

    form = response.context["form"]
    assert not form.is_bound and form["access"].value() == "read_write" and not form["name"].value()
    page = response.content.decode()
    assert re.search(r'<input[^>]*value="read_write"[^>]*checked', page)
    assert f'<code class="nw-secret user-select-all" id="new-token-value">{response.context["secret"]}</code>' in page
    assert 'data-copy-target="#new-token-value"' in page

    again = alice_client.post(reverse("api_tokens:list"), {"name": "read", "access": "read_only"})
    assert again.context["form"]["access"].value() == "read_only"


def test_a_token_without_a_name_is_refused(alice_client, alice):
    response = alice_client.post(reverse("api_tokens:list"), {"name": "", "access": "read_only"})
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    assert not ApiToken.objects.exists()


def test_the_tokens_page_lists_only_your_own(alice_client, alice, bob, django_assert_max_num_queries):
    services.create_token(alice, name="mine")
    services.create_token(bob, name="bobs")
    # session, user, tokens
    with django_assert_max_num_queries(3):
        response = alice_client.get(reverse("api_tokens:list"))
    assert b"mine" in response.content and b"bobs" not in response.content


def test_revoking_a_token(alice_client, alice, assert_hidden_from_bob):
    row, _ = services.create_token(alice, name="export")
    url = reverse("api_tokens:revoke", args=[row.pk])
    assert alice_client.get(url).status_code == 405
    assert_hidden_from_bob(url, method="post")
    assert ApiToken.objects.filter(pk=row.pk).exists()
    response = alice_client.post(url)
    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=row.pk).exists()


def test_the_tokens_page_needs_a_login(client, db):
    response = client.get(reverse("api_tokens:list"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_malformed_rate_setting_fails_loudly_at_start(monkeypatch):
    import subprocess
    import sys

    env = {"NETWEAVE_API_RATE": "lots", "SECRET_KEY": "x", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", "import netweave.settings"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0 and "NETWEAVE_API_RATE must look like" in result.stderr
