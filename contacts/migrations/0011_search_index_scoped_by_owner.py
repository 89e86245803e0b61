"""The contact search index leads with the owner (Postgres only; the SQLite dev fallback skips it).

A trigram index on ``search_text`` alone holds every network's contacts: a search for
"smith" by someone with 100 contacts read the index entries of every Smith in the
database (12,952 with 1,000 networks of 500 beside the demo's 30,000; 2.2 ms of SQL
where their own 8 cost 0.15 ms), and more with every network added. With ``owner_id``
as the index's first column (btree_gin), the index answers for one network only:
``Contact.objects.for_owner()`` compares ``owner_id`` as a bigint so the index can use it.
"""

from django.contrib.postgres.operations import BtreeGinExtension
from django.db import migrations

from netweave.migration_operations import PostgresOnlySQL

OLD = "CREATE INDEX IF NOT EXISTS contact_search_trgm ON contacts_contact USING gin (search_text gin_trgm_ops)"
NEW = (
    "CREATE INDEX IF NOT EXISTS contact_owner_search_trgm "
    "ON contacts_contact USING gin (owner_id, search_text gin_trgm_ops)"
)


class Migration(migrations.Migration):
    dependencies = [("contacts", "0010_notduplicate")]

    operations = [
        BtreeGinExtension(),
        PostgresOnlySQL(NEW, "DROP INDEX IF EXISTS contact_owner_search_trgm"),
        PostgresOnlySQL("DROP INDEX IF EXISTS contact_search_trgm", OLD),
    ]
