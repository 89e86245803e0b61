"""Migration meetings 0005: meetings held before a held meeting logged a touch get their touch."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The user table as it was then too: later columns (accounts 0002) have no database default.
BEFORE = [("meetings", "0004_list_and_dashboard_indexes"), ("accounts", "0001_initial")]
AFTER = [("meetings", "0005_held_meetings_log_a_touch")]
MET = dt.datetime(2026, 2, 20, 15, tzinfo=dt.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """Leave the database fully migrated for the tests that follow."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_each_held_meeting_gets_one_touch_at_its_start_and_running_again_adds_none(back_to_latest):
    apps = migrate(BEFORE)
    User = apps.get_model("accounts", "User")
    Contact = apps.get_model("contacts", "Contact")
    Meeting = apps.get_model("meetings", "Meeting")
    alice = User.objects.create(username="alice")
    ken = Contact.objects.create(owner=alice, given_name="Ken", last_contacted_at=MET)
    common = {"owner": alice, "contact": ken, "purpose": "field", "duration_minutes": 20}
    Meeting.objects.create(**common, kind="phone", state="held", starts_at=MET, held_at=MET + dt.timedelta(hours=1))
    Meeting.objects.create(**common, kind="coffee", state="scheduled", starts_at=MET + dt.timedelta(days=3))

    apps = migrate(AFTER)
    migrate(BEFORE)  # the reverse keeps the touches
    apps = migrate(AFTER)

    touches = apps.get_model("contacts", "Interaction").objects.filter(contact_id=ken.pk)
    assert list(touches.values_list("occurred_at", "channel", "note")) == [(MET, "call", "Meeting held: Phone")]
