"""ANALYZE skips the contact columns no query filters, sorts or joins on (Postgres only).

Postgres keeps statistics so the planner can guess how many rows a condition keeps; a
column nothing ever puts in a WHERE, ORDER BY or JOIN gains nothing from them. ANALYZE
still sorts a 30,000-row sample of every column to build them, and the long free-text
ones cost the most: with these eleven left out, ANALYZE of the contact table takes 0.25 to
0.29 s where it took 0.51 to 0.57 s (30,100 contacts, three runs of each, interleaved). That
is the ANALYZE an import runs after its commit (``imports.pipeline.analyze_after_big_write``)
and autovacuum's.

A column that starts being filtered or sorted on needs its statistics back: a new
migration that sets its target to -1 (the default). ``contacts/tests/test_statistics.py``
holds what this one promises.
"""

from django.db import migrations

from netweave.migration_operations import PostgresOnlySQL

UNQUERIED = (
    "preferred_name",
    "emails",
    "phones",
    "title",
    "location",
    "website",
    "source_detail",
    "met_on",
    "notes",
    "how_i_can_help",
    "how_they_can_help",
)


def statistics(target: int) -> str:
    return "ALTER TABLE contacts_contact " + ", ".join(
        f"ALTER COLUMN {column} SET STATISTICS {target}" for column in UNQUERIED
    )


class Migration(migrations.Migration):
    dependencies = [("contacts", "0011_search_index_scoped_by_owner")]

    operations = [PostgresOnlySQL(statistics(0), statistics(-1))]
