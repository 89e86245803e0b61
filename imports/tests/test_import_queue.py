"""Imports run on their own queue with time limits, so reminders never wait behind a big file."""

from __future__ import annotations

from pathlib import Path

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from contacts.models import Contact, ImportRun
from imports import pipeline
from imports.jobs import run_claimed, store_upload
from imports.models import UploadState, UploadStep
from imports.tasks import run_upload_job
from netweave.celery import app

FIXTURES = Path(__file__).parent / "fixtures"


def test_the_import_task_is_routed_to_the_imports_queue_and_reminders_are_not():
    router = app.amqp.router

    assert router.route({}, run_upload_job.name)["queue"].name == "imports"
    assert router.route({}, "followups.tasks.send_daily_reminders")["queue"].name == "celery"


def test_the_import_task_has_soft_and_hard_time_limits_from_settings():
    assert run_upload_job.soft_time_limit == settings.NETWEAVE_IMPORT_SOFT_TIME_LIMIT
    assert run_upload_job.time_limit == settings.NETWEAVE_IMPORT_TIME_LIMIT
    assert run_upload_job.soft_time_limit < run_upload_job.time_limit


def test_the_procfile_worker_consumes_both_queues():
    worker = next(line for line in Path("Procfile").read_text().splitlines() if line.startswith("worker:"))

    assert "-Q celery,imports" in worker


@pytest.mark.django_db
def test_at_the_soft_time_limit_the_import_fails_with_the_limit_named_and_nothing_half_written(alice, monkeypatch):
    def out_of_time(owner, updates):  # after the new contacts are inserted, before the updates
        assert Contact.objects.filter(owner=owner).exists()
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pipeline, "_apply_updates", out_of_time)
    data = (FIXTURES / "linkedin_connections.csv").read_bytes()
    upload = store_upload(alice, alice, file_name="Connections.csv", data=data, format="auto")
    upload.step, upload.state = UploadStep.IMPORT, UploadState.WORKING
    upload.save()

    run_claimed(upload)

    upload.refresh_from_db()
    assert upload.state == UploadState.FAILED
    assert "took longer than 10 minutes, the limit for one import" in upload.error
    assert "nothing was saved" in upload.error
    assert not Contact.objects.exists() and not ImportRun.objects.exists()
    assert bytes(upload.content) == data  # the file is kept for another try
