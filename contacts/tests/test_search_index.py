"""A contact search reads the index entries of its owner's network only, however many other networks share the table."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from contacts.models import SEARCH_INDEX, Contact

pytestmark = pytest.mark.django_db


def add_contacts(owner, count: int, *, family_name, every: int = 1) -> None:
    """``count`` contacts; every ``every``-th one is named ``family_name``, the others "Okafor"."""
    rows = []
    for n in range(count):
        contact = Contact(owner=owner, given_name=f"P{n}", family_name=family_name if n % every == 0 else "Okafor")
        contact.prepare_for_save()
        rows.append(contact)
    Contact.objects.bulk_create(rows)


def index_scans(plan: dict[str, Any]) -> list[dict[str, Any]]:
    found = [plan] if plan.get("Index Name") else []
    for child in plan.get("Plans", []):
        found += index_scans(child)
    return found


def test_a_search_narrows_the_search_index_to_its_owner(alice, bob):
    add_contacts(bob, 200, family_name="Smith", every=2)  # 100 of his match
    add_contacts(alice, 200, family_name="Smith", every=20)  # 10 of hers
    searched = Contact.objects.for_owner(alice).search("smith")

    sql, params = searched.query.sql_with_params()
    with connection.cursor() as cursor:
        # Only the search index is left to the planner (dropped inside the test's transaction,
        # which rolls back), so the plan shows what that index is given to narrow by.
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT IN (%s, %s)",
            [Contact._meta.db_table, SEARCH_INDEX, f"{Contact._meta.db_table}_pkey"],
        )
        for (index,) in cursor.fetchall():
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(index)}")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()[0]

    # Without the owner in the index condition, the index would hand over bob's 100 Smiths too.
    (scan,) = index_scans(plan["Plan"])
    assert scan["Index Name"] == SEARCH_INDEX
    assert "owner_id = " in scan["Index Cond"] and "~~ '%smith%'" in scan["Index Cond"]
    assert searched.count() == 10


def scan_of(searched) -> dict[str, Any]:
    """The plan node that reads the contacts for ``searched``."""
    sql, params = searched.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()[0]
    (scan,) = index_scans(plan["Plan"])
    return scan


@pytest.fixture
def big_network_among_others(alice, django_user_model):
    """Alice's 3,000 contacts, imported in one go, beside 30 networks of 300: 1 in 30 a Smith."""
    add_contacts(alice, 3000, family_name="Smith", every=30)
    for n in range(30):
        add_contacts(django_user_model.objects.create(username=f"other{n}"), 300, family_name="Smith", every=30)
    with connection.cursor() as cursor:
        # As autovacuum leaves the table: the index's pending entries merged, statistics taken.
        cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [SEARCH_INDEX])
        cursor.execute(f"ANALYZE {Contact._meta.db_table}")
    return alice


def test_a_big_network_searches_through_the_index_beside_other_networks(big_network_among_others):
    """Imported in one go, a big network's rows sit together on disk, and walking them in
    owner order looks cheap to Postgres, which prices testing each row's text as a
    trivial operation. Priced for spinning disks (``random_page_cost`` 4), Postgres
    therefore walks all 3,000 of alice's contacts rather than read the trigram index;
    at 30,000 contacts beside 1,000 networks, that was 27 ms against 5 ms for "smith".
    The app's connections price random reads as cached ones (``DATABASE_CONNECT_OPTIONS``)."""
    searched = Contact.objects.for_owner(big_network_among_others).search("smith").order_by()

    assert scan_of(searched)["Index Name"] == SEARCH_INDEX
    # The layout is one where the price matters: at Postgres's default, the walk wins.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL random_page_cost = 4")
    assert scan_of(searched)["Index Name"] != SEARCH_INDEX


def test_the_first_matches_by_name_come_through_the_index(big_network_among_others):
    """Pickers and lookups show a search's first few people by name (``search_by_name``).
    Under that LIMIT, a plain name order lets Postgres walk the name index from A, testing
    each contact's text until enough match: here past 2,900 Okafors, at 30,000 contacts
    26,000 rows (30 ms) for "smi", on every keystroke."""
    mine = Contact.objects.for_owner(big_network_among_others)

    assert scan_of(mine.search_by_name("smith")[:10])["Index Name"] == SEARCH_INDEX
    assert [c.family_name for c in mine.search_by_name("smith")[:3]] == ["Smith"] * 3
    assert scan_of(mine.search("smith").order_by("family_name", "given_name", "id")[:10])["Index Name"] != SEARCH_INDEX
