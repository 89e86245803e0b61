"""Large imports run on a Celery worker, and still finish when Redis is down or no worker is running."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Contact
from imports.models import ImportUpload, UploadState
from netweave.celery import app

FIXTURES = Path(__file__).parent / "fixtures"
IMPORT_QUEUES = ["celery", "imports"]  # as the Procfile's worker consumes them


def post_linkedin(client):
    data = (FIXTURES / "linkedin_connections.csv").read_bytes()
    return client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("Connections.csv", data), "format": "auto"}
    )


@pytest.mark.django_db
def test_with_redis_down_a_small_import_still_runs_through_the_progress_page(
    alice_client, alice, settings, redis_down, django_capture_on_commit_callbacks
):
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 0  # queue it...
    settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0

    with django_capture_on_commit_callbacks(execute=True):
        response = post_linkedin(alice_client)  # queueing fails quietly
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 512 * 1024  # ...though small enough for the web process
    upload = ImportUpload.objects.get()
    assert alice_client.get(response.url).status_code == 200
    status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()
    assert status["next"] == reverse("imports:preview", args=[upload.pk])

    with django_capture_on_commit_callbacks(execute=True):
        alice_client.post(status["next"], {"default": "update"})
    status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()

    assert status["done"] is True
    assert Contact.objects.filter(owner=alice).count() == 7


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_prepares_the_preview_of_a_large_file(alice_client, settings):
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
    settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 60  # the page must not do it itself

    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=IMPORT_QUEUES):
        post_linkedin(alice_client)
        upload = ImportUpload.objects.get()
        deadline = time.monotonic() + 20
        while upload.state != UploadState.PREVIEWED and time.monotonic() < deadline:
            time.sleep(0.2)
            upload.refresh_from_db()

    assert upload.state == UploadState.PREVIEWED and upload.preview is not None
    assert upload.preview["counts"]["created"] == 7


@pytest.mark.django_db
def test_with_no_worker_a_large_import_is_left_for_the_worker_and_the_page_says_how_to_start_it(
    alice_client, settings, redis_down, django_capture_on_commit_callbacks
):
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 100  # the file is "large"
    settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 0

    with django_capture_on_commit_callbacks(execute=True):
        response = post_linkedin(alice_client)
    upload = ImportUpload.objects.get()
    status = alice_client.get(reverse("imports:status", args=[upload.pk])).json()
    page = alice_client.get(response.url).content.decode()

    upload.refresh_from_db()
    assert upload.state == UploadState.QUEUED  # the web process did not run it
    assert status["done"] is False
    assert status["worker_missing"] is True
    assert "celery -A netweave worker -Q celery,imports" in status["stage"]
    assert "The background worker is not running" in page
    assert "celery -A netweave worker -Q celery,imports --loglevel=INFO" in page
