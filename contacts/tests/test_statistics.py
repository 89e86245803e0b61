"""ANALYZE samples the contact columns that queries filter and sort on, and skips the others (migration 0012)."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection

from contacts.models import Contact

pytestmark = pytest.mark.django_db

UNQUERIED = importlib.import_module("contacts.migrations.0012_analyze_skips_unqueried_columns").UNQUERIED


def sampled_columns() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Contact._meta.db_table)}")
        cursor.execute("SELECT attname FROM pg_stats WHERE tablename = %s", [Contact._meta.db_table])
        return {name for (name,) in cursor.fetchall()}


def test_analyze_skips_the_free_text_columns_and_keeps_what_pages_filter_on(alice, bob):
    for owner in (alice, bob):
        for n in range(20):
            Contact.objects.create(
                owner=owner, given_name=f"P{n}", family_name="Smith", company="Acme", notes="Met at the fair"
            )

    sampled = sampled_columns()

    assert sampled.isdisjoint(UNQUERIED)
    # What the lists, the search, the dashboard and the import's matching narrow or sort by.
    assert {"owner_id", "family_name", "given_name", "company", "search_text", "name_key", "stage"} <= sampled
    assert {"last_contacted_at", "created_at", "source", "linkedin_url", "import_run_id"} <= sampled


def test_every_skipped_column_is_a_contact_column():
    columns = {field.column for field in Contact._meta.concrete_fields}

    assert set(UNQUERIED) <= columns
