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


def test_deploy_check_passes_with_debug_off():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", DEBUG="0", SECRET_KEY="x" * 30 + "-a-long-random-production-key"
    )

    assert result.returncode == 0, result.stdout + result.stderr


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
