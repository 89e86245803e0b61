"""Three indexes on contacts that only the dashboard's reads need.

They live here, not in the contacts app, so the dashboard's speed work stays in one
place; the contacts models are untouched (no model state changes).

- (owner, source, created_at): the network's size and "new contacts by source" come
  from one index-only scan, grouped in index order, instead of reading contact rows.
- (owner, last_contacted_at) WHERE cadence_days IS NOT NULL: "going cold" reads the
  few contacts with their own cadence without scanning the whole network.
- (owner, id, introduced_by, stage) over the introduced and the not-yet-met: the
  introduction graph and the network picture load their id pairs from the index alone,
  not from 30,000 wide contact rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("contacts", "0002_search_trigram_index")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS dashboard_contact_owner_source "
            "ON contacts_contact (owner_id, source, created_at);",
            "DROP INDEX IF EXISTS dashboard_contact_owner_source;",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS dashboard_contact_own_cadence "
            "ON contacts_contact (owner_id, last_contacted_at) WHERE cadence_days IS NOT NULL;",
            "DROP INDEX IF EXISTS dashboard_contact_own_cadence;",
        ),
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS dashboard_contact_introductions "
            "ON contacts_contact (owner_id, id, introduced_by_id, stage) "
            "WHERE introduced_by_id IS NOT NULL OR stage = 'want_to_meet';",
            "DROP INDEX IF EXISTS dashboard_contact_introductions;",
        ),
    ]
