"""`make run` (scripts/run.py) points every link at the address it serves."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_run_script():
    spec = importlib.util.spec_from_file_location("netweave_run_script_site", ROOT / "scripts" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_run_sets_site_url_to_the_address_it_serves():
    run = load_run_script()
    env: dict[str, str] = {}

    assert run.serve_at(env) == "http://127.0.0.1:8000"
    assert env["SITE_URL"] == "http://127.0.0.1:8000"  # web, worker and beat share this env


def test_another_port_moves_the_links_with_it():
    run = load_run_script()
    env = {"PORT": "8123"}

    run.serve_at(env)

    assert env["SITE_URL"] == "http://127.0.0.1:8123"


def test_a_site_url_the_user_set_is_kept():
    run = load_run_script()
    env = {"SITE_URL": "https://netweave.example.org"}

    run.serve_at(env)

    assert env["SITE_URL"] == "https://netweave.example.org"


def test_the_procfiles_serve_where_site_url_points():
    for procfile in ("Procfile", "Procfile.eager"):
        assert "runserver 127.0.0.1:${PORT:-8000}" in (ROOT / procfile).read_text()
