# ImportUpload moves here from the contacts app (contacts/migrations/0007): the model
# enters Django's state on its existing table, contacts_importupload, so no row moves.
# The content type follows too, so permissions and admin history stay attached.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='imports', model='importupload').exists():
        ContentType.objects.filter(app_label='contacts', model='importupload').update(app_label='imports')


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model('contenttypes', 'ContentType')
    if not ContentType.objects.filter(app_label='contacts', model='importupload').exists():
        ContentType.objects.filter(app_label='imports', model='importupload').update(app_label='contacts')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contacts', '0007_importupload_moves_to_imports'),
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ImportUpload',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('file_name', models.CharField(max_length=255)),
                        ('content', models.BinaryField()),
                        ('size', models.PositiveIntegerField(default=0)),
                        ('requested_format', models.CharField(default='auto', max_length=20)),
                        ('mapping', models.JSONField(blank=True, null=True)),
                        ('state', models.CharField(choices=[('uploaded', 'Uploaded'), ('queued', 'Waiting to start'), ('working', 'Working'), ('previewed', 'Ready to review'), ('imported', 'Imported'), ('failed', 'Failed')], default='uploaded', max_length=20)),
                        ('step', models.CharField(choices=[('preview', 'Preparing the preview'), ('import', 'Importing'), ('undo', 'Undoing the import')], default='preview', max_length=20)),
                        ('queued_at', models.DateTimeField(blank=True, null=True)),
                        ('preview', models.JSONField(blank=True, null=True)),
                        ('decisions', models.JSONField(blank=True, null=True)),
                        ('error', models.TextField(blank=True)),
                        ('owner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('run', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='contacts.importrun')),
                        ('uploaded_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'contacts_importupload',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
