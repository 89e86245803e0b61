"""Running an upload's preview or import step: inline when small, on a Celery worker when large.

A large step is queued with ``netweave.queue.enqueue``. If Redis is down or no
worker takes the job within a few seconds, the next status request from the
progress page claims it and runs it itself, so the import still finishes.
Claiming is a conditional UPDATE: exactly one of worker and page runs a job.
"""

from __future__ import annotations

import logging
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from contacts.models import ImportRun
from netweave.queue import enqueue

from .models import ImportUpload, UploadState, UploadStep
from .parsers.records import ImportFileError
from .pipeline import Decisions, preview_with_plan, run_import, undo_import

logger = logging.getLogger(__name__)


def inline_bytes() -> int:
    return settings.NETWEAVE_IMPORT_INLINE_BYTES


def progress_key(upload_id: int) -> str:
    return f"import-progress:{upload_id}"


def read_progress(upload_id: int) -> tuple[str, int]:
    stage, percent = cache.get(progress_key(upload_id)) or ("Waiting to start", 0)
    return stage, percent


def start_step(
    upload: ImportUpload, step: str, *, decisions: Decisions | None = None, background: bool | None = None
) -> None:
    """Run ``step`` now when the file is small; otherwise queue it for a worker."""
    upload.step = step
    upload.error = ""
    if decisions is not None:
        upload.decisions = decisions.as_json()
    if background is None:
        background = upload.size > inline_bytes()
    if not background:
        upload.state = UploadState.WORKING
        upload.save(update_fields=["step", "error", "decisions", "state"])
        run_claimed(upload)
        return
    from .tasks import run_upload_job  # here, not at the top: tasks.py imports this module

    upload.state = UploadState.QUEUED
    upload.queued_at = timezone.now()
    upload.save(update_fields=["step", "error", "decisions", "state", "queued_at"])
    enqueue(run_upload_job, upload.pk)


def claim(upload_id: int) -> ImportUpload | None:
    claimed = ImportUpload.objects.filter(pk=upload_id, state=UploadState.QUEUED).update(state=UploadState.WORKING)
    return ImportUpload.objects.filter(pk=upload_id).select_related("owner").first() if claimed else None


WORKER_COMMAND = "celery -A netweave worker -Q celery,imports --loglevel=INFO"
WORKER_MISSING = (
    "The background worker is not running, and this file is too large to import inside the web page. "
    f"Start the worker with: {WORKER_COMMAND} (make run starts it for you). "
    "This page goes on by itself once it runs."
)


def small_enough_for_the_web(upload: ImportUpload) -> bool:
    """Only a job the web process could have run inline may be finished by a page request."""
    if upload.step == UploadStep.UNDO:
        return upload.run is not None and upload.run.created_count <= settings.NETWEAVE_IMPORT_INLINE_UNDO_ROWS
    return upload.size <= inline_bytes()


def waiting_for_a_worker(upload: ImportUpload) -> bool:
    """Queued past the wait, and too big for the page to run: nobody is taking it."""
    claimable = ImportUpload.objects.claimable(timezone.now()).filter(pk=upload.pk).exists()
    return claimable and not small_enough_for_the_web(upload)


def claim_if_abandoned(upload: ImportUpload) -> bool:
    """Run a small queued job no worker took in time (Redis down, no worker running). True if it ran here.

    A large one is left for the worker: the web process must stay free for pages.
    """
    if not small_enough_for_the_web(upload):
        return False
    claimed = ImportUpload.objects.claimable(timezone.now()).filter(pk=upload.pk).update(state=UploadState.WORKING)
    if not claimed:
        return False
    upload.refresh_from_db()
    run_claimed(upload)
    return True


def run_claimed(upload: ImportUpload) -> None:
    """Do the claimed step and record the result on the upload; never raises."""

    def progress(stage: str, percent: int) -> None:
        cache.set(progress_key(upload.pk), (stage, min(percent, 100)), timeout=3600)

    data = bytes(upload.content)
    mapping = {int(k): v for k, v in upload.mapping.items()} if upload.mapping else None
    try:
        if upload.step == UploadStep.UNDO:
            progress("Removing the contacts", 20)
            if upload.run is None:  # the run was deleted since the undo was asked for
                raise ImportFileError("That import no longer exists, so there is nothing to undo.")
            undo_import(upload.run)
            upload.state = UploadState.IMPORTED
        elif upload.step == UploadStep.PREVIEW:
            progress("Reading the file", 10)
            upload.preview, upload.plan = preview_with_plan(
                upload.owner, data, format=upload.requested_format, mapping=mapping
            )
            upload.state = UploadState.PREVIEWED
        else:
            with transaction.atomic():
                run = run_import(
                    upload.owner,
                    data,
                    file_name=upload.file_name,
                    format=upload.requested_format,
                    mapping=mapping,
                    decisions=Decisions.from_json(upload.decisions),
                    progress=progress,
                    uploaded_by=upload.uploaded_by,
                    stored_plan=bytes(upload.plan) if upload.plan is not None else None,
                )
                # Committed with the contacts: the progress page sees the import done as soon as
                # it is, not after the contact table is tidied (pipeline.analyze_after_big_write,
                # on commit), and a committed import never leaves its upload "working".
                # Neither the file nor its plan is kept once imported.
                done = {"run": run, "state": UploadState.IMPORTED, "content": b"", "plan": None}
                ImportUpload.objects.filter(pk=upload.pk).update(**done)
            upload.run, upload.state, upload.content, upload.plan = run, UploadState.IMPORTED, b"", None
    except ImportFileError as error:
        upload.state, upload.error = UploadState.FAILED, str(error)
    except SoftTimeLimitExceeded:
        # Raised inside run_import's transaction, which rolled back: nothing was half-written.
        minutes = settings.NETWEAVE_IMPORT_SOFT_TIME_LIMIT / 60
        upload.state = UploadState.FAILED
        upload.error = (
            f"The import took longer than {minutes:g} minutes, the limit for one import, and was stopped; "
            "nothing was saved. Split the file into smaller ones and import them one after the other."
        )
    except Exception:
        logger.exception("Import of upload %s failed", upload.pk)
        upload.state = UploadState.FAILED
        upload.error = "The import failed and nothing was saved. Please try again; if it keeps failing, tell us."
    # Never the file (up to 20 MB): an import drops it in its own transaction, above.
    fields = ["preview", "plan", "state", "run", "error"]
    upload.save(update_fields=fields)
    progress("Done", 100)


def undo_in_background(run: ImportRun, *, requested_by) -> ImportUpload | None:
    """Undo a large import on the worker (returns the job to follow); small ones return None: undo them inline."""
    limit = settings.NETWEAVE_IMPORT_INLINE_UNDO_ROWS
    if run.created_count <= limit:
        return None
    job = ImportUpload.objects.create(
        owner=run.owner, uploaded_by=requested_by, file_name=run.file_name, content=b"", run=run, step=UploadStep.UNDO
    )
    start_step(job, UploadStep.UNDO, background=True)
    return job


def store_upload(owner, uploaded_by, *, file_name: str, data: bytes, format: str) -> ImportUpload:
    """Keep the uploaded file server-side (owner-scoped); drop the owner's day-old uploads, and
    the oldest pending ones beyond NETWEAVE_IMPORT_MAX_PENDING_UPLOADS (files are up to 20 MB each)."""
    uploads = ImportUpload.objects.for_owner(owner)
    uploads.stale(timezone.now()).delete()
    upload = ImportUpload.objects.create(
        owner=owner,
        uploaded_by=uploaded_by,
        file_name=file_name[:255],
        content=data,
        size=len(data),
        requested_format=format,
    )
    keep = settings.NETWEAVE_IMPORT_MAX_PENDING_UPLOADS
    newest = uploads.pending().order_by("-created_at", "-id").values("id")[:keep]
    uploads.pending().exclude(id__in=newest).delete()
    return upload


def drop_abandoned_uploads(*, now: datetime, batch_size: int = 500) -> int:
    """Delete every owner's day-old uploads (file bytes kept in Postgres); returns how many went.

    Run daily by beat and by ``manage.py drop_abandoned_uploads``. In batches, so a large
    backlog never holds one long transaction; safe to run any number of times.
    """
    dropped = 0
    while True:
        batch = list(ImportUpload.objects.abandoned(now).order_by("id").values_list("id", flat=True)[:batch_size])
        if not batch:
            return dropped
        deleted, _ = ImportUpload.objects.filter(pk__in=batch).abandoned(now).delete()
        dropped += deleted
