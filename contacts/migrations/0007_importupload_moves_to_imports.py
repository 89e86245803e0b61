# ImportUpload now belongs to the imports app (imports/migrations/0001_initial.py).
# Only Django's picture of the models changes: the table contacts_importupload and
# its rows stay exactly where they are.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('contacts', '0006_dashboard_covering_indexes'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ImportUpload')],
            database_operations=[],
        ),
    ]
