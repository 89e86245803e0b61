"""A big import (or undo) refreshes the contact table's statistics once it commits; a small one does not.
A big import merges the search index's pending list once it commits, on a second connection beside the
ANALYZE; an undo has none to merge."""

from __future__ import annotations

import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports import pipeline
from imports.pipeline import analyze_contacts_sql, run_import, undo_import

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

pytestmark = pytest.mark.django_db


def linkedin_rows(count: int) -> bytes:
    rows = [f"Person{n},Family{n},https://www.linkedin.com/in/p-{n},,Acme,Engineer,05 Mar 2024" for n in range(count)]
    return (HEADER + "\n".join(rows) + "\n").encode()


def analyzes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("ANALYZE")]


@pytest.fixture
def merges(monkeypatch) -> list[int]:
    """The row counts the search index's merge ran after (it runs on a thread of its own)."""
    calls: list[int] = []
    merge = pipeline.merge_search_index

    def recorded(rows: int, timings: dict[str, float]) -> None:
        calls.append(rows)
        merge(rows, timings)

    monkeypatch.setattr(pipeline, "merge_search_index", recorded)
    return calls


def test_an_import_above_the_threshold_analyzes_the_contact_table(alice, settings, django_capture_on_commit_callbacks):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        run = run_import(alice, linkedin_rows(21), file_name="c.csv")

    assert run.created_count == 21
    assert analyzes(queries) == [analyze_contacts_sql()]


def test_an_import_at_or_below_the_threshold_does_not(alice, settings, django_capture_on_commit_callbacks):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        run_import(alice, linkedin_rows(20), file_name="c.csv")

    assert analyzes(queries) == []


def test_undoing_a_big_import_analyzes_too(alice, settings, django_capture_on_commit_callbacks):
    run = run_import(alice, linkedin_rows(21), file_name="c.csv")
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        assert undo_import(run).removed == 21

    assert analyzes(queries) == [analyze_contacts_sql()]


def test_analyze_waits_for_the_commit(alice, settings, django_capture_on_commit_callbacks):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_import(alice, linkedin_rows(21), file_name="c.csv")

    # Two callbacks wait for the commit: the ANALYZE, and the cache bump that refreshes the dashboard.
    assert analyzes(queries) == [] and len(callbacks) == 2


def merged_now() -> int:
    """Merge the search index's pending list here and now: the number of pending pages it held."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [pipeline.SEARCH_INDEX])
        return cursor.fetchone()[0]


def test_a_big_import_leaves_its_search_entries_pending_until_the_commit(
    alice, settings, django_capture_on_commit_callbacks, merges
):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20
    merged_now()

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=False):
        run_import(alice, linkedin_rows(21), file_name="c.csv")

    # The COPY leaves the trigram entries pending (one merge later beats many small ones now).
    assert "SET LOCAL gin_pending_list_limit = '64MB'" in [q["sql"] for q in queries.captured_queries]
    assert merges == []
    assert merged_now() > 0


def test_a_big_import_merges_the_search_index_pending_list_after_the_commit(
    alice, settings, django_capture_on_commit_callbacks, caplog, merges
):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run_import(alice, linkedin_rows(21), file_name="c.csv")

    with CaptureQueriesContext(connection) as queries, caplog.at_level(logging.INFO, logger="imports.pipeline"):
        for callback in callbacks:
            callback()

    # The merge ran on its own connection, beside this one's ANALYZE, and was done when the tidy returned.
    assert analyzes(queries) == [analyze_contacts_sql()] and merges == [21]
    assert not [q for q in queries.captured_queries if "gin_clean_pending_list" in q["sql"]]
    assert merged_now() == 0
    (tidied,) = [r for r in caplog.records if hasattr(r, "merge_seconds")]
    assert tidied.merge_seconds > 0 and tidied.analyze_seconds > 0
    assert "search index merged in" in tidied.getMessage()


def test_a_small_import_leaves_the_search_index_as_postgres_keeps_it(
    alice, settings, django_capture_on_commit_callbacks, merges
):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        run_import(alice, linkedin_rows(20), file_name="c.csv")

    assert not [q for q in queries.captured_queries if "gin_pending_list_limit" in q["sql"]]
    assert merges == []


def test_an_undo_has_no_pending_list_to_merge(alice, settings, django_capture_on_commit_callbacks, merges):
    run = run_import(alice, linkedin_rows(21), file_name="c.csv")
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20

    with CaptureQueriesContext(connection) as queries, django_capture_on_commit_callbacks(execute=True):
        undo_import(run)

    assert merges == [] and analyzes(queries) == [analyze_contacts_sql()]


def test_an_import_that_writes_nothing_merges_nothing(alice, settings, django_capture_on_commit_callbacks, merges):
    run_import(alice, linkedin_rows(3), file_name="c.csv")
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 0

    with django_capture_on_commit_callbacks(execute=True):
        run = run_import(alice, linkedin_rows(3), file_name="c.csv")

    assert run.created_count == 0 and merges == []


@pytest.mark.django_db(transaction=True)  # real commits: the callback runs outside any transaction, as in production
def test_a_failed_merge_still_analyzes(alice, settings, monkeypatch, caplog):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 20
    monkeypatch.setattr(pipeline, "SEARCH_INDEX", "no_such_index")  # as when the index belongs to another role

    with CaptureQueriesContext(connection) as queries:
        run = run_import(alice, linkedin_rows(21), file_name="c.csv")

    assert run.created_count == 21
    assert analyzes(queries) == [analyze_contacts_sql()]
    assert "Merging the search index's pending list after a 21-row import failed" in caplog.text
