"""The import step commits its upload's new state with the contacts, before the table is tidied."""

from __future__ import annotations

from pathlib import Path

import pytest

from contacts.models import Contact
from imports import pipeline
from imports.jobs import start_step, store_upload
from imports.models import ImportUpload, UploadState, UploadStep
from imports.pipeline import Decisions

LINKEDIN = (Path(__file__).parent / "fixtures" / "linkedin_connections.csv").read_bytes()


@pytest.mark.django_db(transaction=True)  # real commits: on_commit callbacks run when they would in production
def test_the_upload_is_imported_by_the_time_the_contact_table_is_tidied(alice, settings, monkeypatch):
    settings.NETWEAVE_IMPORT_ANALYZE_ROWS = 2
    upload = store_upload(alice, alice, file_name="Connections.csv", data=LINKEDIN, format="auto")
    start_step(upload, UploadStep.PREVIEW, background=False)
    seen = []
    analyze_sql = pipeline.analyze_contacts_sql

    def spy() -> str:
        stored = ImportUpload.objects.get(pk=upload.pk)
        seen.append((stored.state, stored.run_id, stored.plan, bytes(stored.content)))
        return analyze_sql()

    monkeypatch.setattr(pipeline, "analyze_contacts_sql", spy)

    start_step(upload, UploadStep.IMPORT, decisions=Decisions(), background=False)

    assert upload.state == UploadState.IMPORTED and upload.run is not None
    assert seen == [(UploadState.IMPORTED, upload.run.pk, None, b"")]
    assert Contact.objects.filter(owner=alice, import_run=upload.run).count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_failed_import_keeps_the_file_and_its_plan_for_another_try(alice, monkeypatch):
    upload = store_upload(alice, alice, file_name="Connections.csv", data=LINKEDIN, format="auto")
    start_step(upload, UploadStep.PREVIEW, background=False)

    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(pipeline, "create_contacts", fail)
    start_step(upload, UploadStep.IMPORT, decisions=Decisions(), background=False)

    stored = ImportUpload.objects.get(pk=upload.pk)
    assert stored.state == UploadState.FAILED and stored.run is None
    assert bytes(stored.content) == LINKEDIN and stored.plan is not None
    assert not Contact.objects.filter(owner=alice).exists()
