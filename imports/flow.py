"""The steps of the upload -> preview -> confirm flow, shared by the app pages and the admin page.

Views stay thin: they validate a form, call one of these, and redirect. The
admin passes its own URL names, so both doors walk the same path through the
same importer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, F, QuerySet, Value, When
from django.urls import reverse

from contacts.models import ImportRun

from .forms import UploadForm
from .jobs import WORKER_MISSING, claim_if_abandoned, read_progress, start_step, store_upload, waiting_for_a_worker
from .models import ImportUpload, UploadState, UploadStep
from .parsers.decoding import decode
from .parsers.parsing import FORMAT_NAMES, check_looks_like_a_table
from .parsers.records import ImportFileError
from .parsers.tables import MAPPINGS, detect_csv_format, read_table
from .parsers.vcards import looks_like_vcard
from .pipeline import Decisions


@dataclass(frozen=True)
class FlowUrls:
    """URL names of one door's pages; each takes the upload's (or, for ``done``, the run's) pk."""

    upload: str
    columns: str
    progress: str
    status: str
    preview: str
    cancel: str
    done: str

    def url(self, kind: str, obj: Any) -> str:
        return reverse(getattr(self, kind), args=[obj.pk])


@dataclass
class StepOutcome:
    redirect_to: str = ""
    error: str = ""
    run: ImportRun | None = None


def next_url(upload: ImportUpload, urls: FlowUrls) -> str:
    if upload.state == UploadState.PREVIEWED:
        return urls.url("preview", upload)
    if upload.state == UploadState.IMPORTED and upload.run_id:
        return urls.url("done", upload.run)
    if upload.state == UploadState.UPLOADED:
        return urls.url("columns", upload)
    return urls.url("progress", upload)


def accept_upload(form: UploadForm, *, owner, uploaded_by, urls: FlowUrls) -> StepOutcome:
    """Store a valid upload and start its preview, or send other CSVs to the column step first."""
    data = form.read()
    requested = form.cleaned_data["format"]
    try:
        text, _ = decode(data)
        needs_columns = False
        if not looks_like_vcard(text):
            # Read once for both checks: each read of a 30,000-row file costs 0.04 s of this request.
            table = read_table(text)  # a file without a usable header fails here
            detected = detect_csv_format(table.header)
            check_looks_like_a_table(text, table=table)
            needs_columns = requested == "csv" or (requested == "auto" and detected == "csv")
    except ImportFileError as error:
        return StepOutcome(error=str(error))
    upload = store_upload(owner, uploaded_by, file_name=form.cleaned_data["file"].name, data=data, format=requested)
    if needs_columns:
        return StepOutcome(redirect_to=urls.url("columns", upload))
    start_step(upload, UploadStep.PREVIEW)
    if upload.state == UploadState.FAILED:
        failure = upload.error
        upload.delete()
        return StepOutcome(error=failure)
    return StepOutcome(redirect_to=next_url(upload, urls))


def columns_of(upload: ImportUpload) -> tuple[list[str], dict[int, str], list[list[str]]]:
    """The header, the guessed (or chosen) mapping and the first rows, for the column step."""
    text, _ = decode(bytes(upload.content))
    table = read_table(text)
    mapping = {int(k): v for k, v in upload.mapping.items()} if upload.mapping else MAPPINGS["csv"](table.header)
    sample = [cells for _, cells in table.rows[:3]]
    return table.header, mapping, sample


def choose_columns(upload: ImportUpload, mapping: dict[int, str], *, urls: FlowUrls) -> str:
    upload.mapping = {str(k): v for k, v in mapping.items()}
    upload.requested_format = "csv"
    upload.save(update_fields=["mapping", "requested_format"])
    start_step(upload, UploadStep.PREVIEW)
    return next_url(upload, urls)


def worker_missing(upload: ImportUpload) -> str:
    """What to do when a large job waits for a worker nobody runs ('' while all is well)."""
    return WORKER_MISSING if upload.state == UploadState.QUEUED and waiting_for_a_worker(upload) else ""


def status(upload: ImportUpload, urls: FlowUrls) -> dict[str, Any]:
    if upload.state == UploadState.QUEUED and claim_if_abandoned(upload):
        upload.refresh_from_db()
    stage, percent = read_progress(upload.pk)
    missing = worker_missing(upload)
    return {
        "state": upload.state,
        "stage": missing or (upload.get_step_display() if upload.state == UploadState.QUEUED else stage),
        "worker_missing": bool(missing),
        "percent": percent,
        "done": not upload.is_busy,
        "next": next_url(upload, urls),
        "error": upload.error,
    }


def nothing_to_import(preview: dict[str, Any]) -> bool:
    """No new person, nothing to fill in and no match to decide: confirming would change nothing."""
    counts = preview.get("counts", {})
    return not (counts.get("created") or counts.get("updated") or preview.get("match_total"))


def preview_context(upload: ImportUpload, urls: FlowUrls) -> dict[str, Any]:
    preview = upload.preview or {}
    return {
        "nothing_to_import": nothing_to_import(preview),
        "upload": upload,
        "preview": preview,
        "unit": preview.get("unit", "row"),
        "cancel_url": urls.url("cancel", upload),
        "columns_url": urls.url("columns", upload) if preview.get("format") == "csv" else "",
        "more_matches": max(0, preview.get("match_total", 0) - len(preview.get("matches", []))),
        "more_errors": max(0, preview.get("counts", {}).get("errors", 0) - len(preview.get("errors", []))),
    }


def confirm(upload: ImportUpload, decisions: Decisions, *, urls: FlowUrls) -> StepOutcome:
    """Run the import (inline or queued). On failure nothing is written and the preview stays usable."""
    if nothing_to_import(upload.preview or {}):
        return StepOutcome(error="There is nothing to import in this file; upload another one or cancel.")
    start_step(upload, UploadStep.IMPORT, decisions=decisions)
    if upload.state == UploadState.FAILED:
        error = upload.error
        upload.state = UploadState.PREVIEWED
        upload.save(update_fields=["state"])
        return StepOutcome(error=f"Nothing was imported. {error}")
    if upload.state == UploadState.IMPORTED:
        return StepOutcome(redirect_to=urls.url("done", upload.run), run=upload.run)
    return StepOutcome(redirect_to=urls.url("progress", upload))


def summary_message(run: ImportRun) -> str:
    return (
        f"Imported {run.file_name}: {run.created_count} new, {run.updated_count} updated, "
        f"{run.skipped_count} skipped, {run.error_count} with errors."
    )


def with_format_names(runs: QuerySet) -> QuerySet:
    """Annotate ``format_name`` ("Google Contacts" for "google") for the history pages."""
    return runs.annotate(
        format_name=Case(
            *(When(format=code, then=Value(name)) for code, name in FORMAT_NAMES.items()),
            default=F("format"),
            output_field=CharField(),
        )
    )
