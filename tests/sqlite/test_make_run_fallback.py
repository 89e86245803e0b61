"""The `make run` fallback, end to end: a SQLite file and in-process tasks (no Redis).

The ONE test on SQLite (see scripts/smoke_sqlite.py, `make test-sqlite`). It starts the
site the way scripts/run.py does, imports a file, runs every periodic job, and opens
every main page as the demo user. It runs against the real file, not a test database.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.sqlite_smoke

ROOT = Path(__file__).resolve().parents[2]

# The beat schedule (netweave/celery.py), task by task: the management command that
# does the same work synchronously, or None where the task itself runs (in-process).
# Adding a command is one line here.
PERIODIC: dict[str, tuple[str, ...] | None] = {
    "followups.tasks.send_daily_reminders": ("send_reminders", "--kind", "daily"),
    "followups.tasks.send_weekly_digests": ("send_reminders", "--kind", "weekly"),
    "followups.tasks.create_due_followups": ("create_followups",),
    "imports.tasks.drop_abandoned_uploads": ("drop_abandoned_uploads",),
    "backup.drop_expired_backups": ("drop_expired_backups",),
}

# Detail pages: URL name -> the model whose demo row fills <pk>.
DETAIL_PAGES = {
    "contacts:detail": "contacts.Contact",
    "contacts:update": "contacts.Contact",
    "dashboard:network_from": "contacts.Contact",
    "meetings:detail": "meetings.Meeting",
    "meetings:edit": "meetings.Meeting",
    "meetings:prep": "meetings.Meeting",
    "meetings:letter": "meetings.Meeting",
    "meetings:questions": "meetings.Meeting",
    "meetings:search_detail": "meetings.Search",
    "meetings:search_edit": "meetings.Search",
    "followups:detail": "followups.FollowUp",
}
# Pages with a query string, so that searching and filtering run too.
QUERY_PAGES = ["dashboard:search?q=an", "contacts:list?q=an"]
# Pages with no arguments that are not for a logged-in user's GET.
NOT_PAGES = {"logout", "accounts:signup"}  # logout ends the session; signup is off by default


def load_run_script():
    spec = importlib.util.spec_from_file_location("netweave_run_script", ROOT / "scripts" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def demo(django_db_blocker) -> Iterator:
    """The site after `make run`'s first start: migrated, static collected, demo seeded."""
    assert connection.vendor == "sqlite"
    assert settings.CELERY_TASK_ALWAYS_EAGER, "no Redis: tasks must run in-process"
    static_root = os.environ.get("NETWEAVE_SMOKE_STATIC_ROOT") or settings.STATIC_ROOT
    with django_db_blocker.unblock(), override_settings(STATIC_ROOT=static_root):
        for command in load_run_script().FIRST_START:
            call_command(*command)
        yield apps.get_model("accounts", "User").objects.get(username="demo")


@pytest.fixture
def client(demo, django_db_blocker) -> Iterator[Client]:
    client = Client()
    with django_db_blocker.unblock():
        client.force_login(demo)
        yield client


def test_demo_is_seeded(demo, django_db_blocker):
    with django_db_blocker.unblock():
        assert apps.get_model("contacts", "Contact").objects.filter(owner=demo).count() >= 300
        assert apps.get_model("meetings", "Meeting").objects.filter(owner=demo).exists()


def test_import_contacts_command(demo, django_db_blocker, capsys):
    # The fixture files may move with the importers; find them by name.
    fixture = next(ROOT.glob("*/tests/fixtures/**/google_contacts.csv"))
    contacts = apps.get_model("contacts", "Contact").objects.filter(owner=demo)
    with django_db_blocker.unblock():
        before = contacts.count()
        call_command("import_contacts", str(fixture), "--owner", "demo")
        assert contacts.count() > before


def test_every_beat_task_is_covered():
    from netweave.celery import app

    assert {entry["task"] for entry in app.conf.beat_schedule.values()} == set(PERIODIC)


@pytest.mark.parametrize("task", PERIODIC)
def test_periodic_job(task, demo, django_db_blocker):
    command = PERIODIC[task]
    with django_db_blocker.unblock():
        if command is None:
            from netweave.celery import app

            app.loader.import_default_modules()  # what a worker does at start: find the tasks
            app.tasks[task].delay().get()
        else:
            call_command(*command)


def main_pages() -> list[str]:
    """Every URL in the URL conf that takes no argument, by name (admin aside)."""
    names: list[str] = []

    def walk(patterns, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.app_name == "admin":
                    continue
                walk(entry.url_patterns, entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.regex.groupindex:
                names.append(f"{namespace}:{entry.name}" if namespace else entry.name)

    walk(get_resolver().url_patterns, None)
    return sorted(set(names) - NOT_PAGES)


@pytest.mark.parametrize("name", main_pages())
def test_page_answers(name, client, django_db_blocker):
    with django_db_blocker.unblock():
        response = client.get(reverse(name))
    # One-button actions are POST only: a GET is refused, not a page.
    assert response.status_code in (200, 405), f"{name}: {response.status_code}"


@pytest.mark.parametrize("name", DETAIL_PAGES)
def test_detail_page_answers(name, demo, client, django_db_blocker):
    model = apps.get_model(DETAIL_PAGES[name])
    with django_db_blocker.unblock():
        rows = model.objects.filter(owner=demo).order_by("pk")
        if name == "contacts:detail":  # one with an introducer, so the introduction chain is walked
            rows = rows.filter(introduced_by__isnull=False)
        row = rows.first()
        assert row is not None, f"seed_demo made no {model.__name__}"
        response = client.get(reverse(name, args=[row.pk]))
    assert response.status_code == 200, f"{name}: {response.status_code}"


@pytest.mark.parametrize("page", QUERY_PAGES)
def test_query_page_answers(page, client, django_db_blocker):
    name, query = page.split("?")
    with django_db_blocker.unblock():
        response = client.get(f"{reverse(name)}?{query}")
    assert response.status_code == 200, f"{page}: {response.status_code}"
