"""Settings that depend on the deployment: the development key, the proxy's HTTPS header, next= redirects,
the database connection's startup options."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent
PRINT_SETTING = "from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))"


def run_shell(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "PROXY_COUNT", "BEHIND_PROXY")
    }
    if (ROOT / ".env").exists():
        pytest.skip("a local .env changes the settings under test")
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={k: v for k, v in environment.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
        | {"DJANGO_SETTINGS_MODULE": "netweave.settings"}
        | env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_debug_off_without_a_secret_key_refuses_to_start_with_a_clear_message():
    result = run_shell("print('started')", DEBUG="0", SECRET_KEY="")

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "started" not in result.stdout


def test_the_development_key_comes_only_with_debug_and_a_loud_warning():
    result = run_shell(PRINT_SETTING.format(name="SECRET_KEY"), DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert "insecure-dev-only-key" in result.stdout
    assert "WARNING: SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "None"),
        ({"PROXY_COUNT": "1"}, "('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"BEHIND_PROXY": "1"}, "('HTTP_X_FORWARDED_PROTO', 'https')"),
    ],
)
def test_the_forwarded_https_header_is_trusted_only_behind_a_proxy(env, expected):
    result = run_shell(PRINT_SETTING.format(name="SECURE_PROXY_SSL_HEADER"), SECRET_KEY="x" * 50, **env)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def next_after(client, url: str, target: str) -> str:
    """Where a button posted over HTTPS sends the browser when it asks to go back to ``target``."""
    return client.post(url, {"next": target}, secure=True).url


@pytest.mark.django_db
def test_a_plain_http_next_is_refused_on_an_https_page(alice, alice_client):
    from contacts.tests.factories import ContactFactory
    from followups.tests.factories import FollowUpFactory
    from meetings.services import add_to_search
    from meetings.tests.factories import SearchFactory

    ken = ContactFactory(owner=alice)
    search = SearchFactory(owner=alice)
    add_to_search(search, contact=ken)
    downgrade = "http://testserver/contacts/"

    done_url = reverse("followups:done", args=[FollowUpFactory(owner=alice).pk])
    remove_url = reverse("meetings:search_remove_person", args=[search.pk, ken.pk])

    followup_back = next_after(alice_client, done_url, downgrade)
    search_back = next_after(alice_client, remove_url, downgrade)
    https_back = next_after(alice_client, done_url, "https://testserver/contacts/")

    assert followup_back == reverse("followups:list")
    assert search_back == search.get_absolute_url()
    assert https_back == "https://testserver/contacts/"


@pytest.mark.django_db
def test_the_apps_connections_run_without_the_jit_compiler_and_price_random_reads_as_cached():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_empty_connect_options_leave_jit_and_page_costs_to_the_server():
    show = "from django.conf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    key = {"SECRET_KEY": "test-only", "DEBUG": "1"}

    assert run_shell(show, DATABASE_CONNECT_OPTIONS="", **key).stdout.strip() == "None"
    assert run_shell(show, **key).stdout.strip() == "-c jit=off -c random_page_cost=1.1"
