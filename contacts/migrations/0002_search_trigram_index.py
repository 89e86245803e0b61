"""Trigram index for contact search (Postgres only; the SQLite dev fallback skips it).

``Contact.objects.search()`` filters ``search_text LIKE '%word%'``; with pg_trgm's
GIN index that is an index scan instead of a sequential scan over every contact.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

from netweave.migration_operations import PostgresOnlySQL


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [
        TrigramExtension(),
        PostgresOnlySQL(
            'CREATE INDEX IF NOT EXISTS contact_search_trgm ON contacts_contact USING gin (search_text gin_trgm_ops)',
            'DROP INDEX IF EXISTS contact_search_trgm',
        ),
    ]
