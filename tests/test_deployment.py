"""Deployment settings: `check --deploy` is clean and no migration is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process only.
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | env
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"DEBUG": "0", "SECRET_KEY": "x" * 30 + "-a-long-random-production-key"}


def test_deploy_check_passes_with_debug_off():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, SITE_URL="https://netweave.example.org"
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_without_a_site_url_the_deploy_check_fails_with_a_clear_message():
    environment = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**environment, **PRODUCTION},
        capture_output=True,
        text=True,
        timeout=120,
    )

    if (ROOT / ".env").exists() and "SITE_URL" in (ROOT / ".env").read_text():
        pytest.skip("a local .env provides SITE_URL")
    assert result.returncode != 0
    assert "netweave.E001" in result.stderr and "SITE_URL is not set." in result.stderr
    assert "SITE_URL=https://" in result.stderr  # the hint says what to set


def test_a_plain_http_site_url_fails_the_deploy_check():
    result = run_manage("check", "--deploy", **PRODUCTION, SITE_URL="http://127.0.0.1:8000")

    assert result.returncode != 0
    assert "netweave.E002" in result.stderr and "must be an https:// address" in result.stderr


def test_with_debug_on_links_default_to_localhost_and_the_plain_check_passes():
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.SITE_URL)", DEBUG="1", SECRET_KEY="test-only"
    )
    environment_has_site_url = "SITE_URL" in os.environ

    assert result.returncode == 0, result.stderr
    if not environment_has_site_url:
        assert result.stdout.strip().splitlines()[-1] == "http://localhost:8000"


def test_every_model_change_has_a_migration():
    result = run_manage("makemigrations", "--check", "--dry-run", SECRET_KEY="test-only")

    assert result.returncode == 0, result.stdout + result.stderr


def test_without_a_secret_key_a_production_start_fails_loudly():
    environment = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**environment, "DEBUG": "0"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    if (ROOT / ".env").exists() and "SECRET_KEY" in (ROOT / ".env").read_text():
        pytest.skip("a local .env provides SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
