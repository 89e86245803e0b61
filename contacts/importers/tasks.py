"""Celery entry point for imports too big to run inside a request."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="contacts.importers.run_upload_job", ignore_result=True, acks_late=True)
def run_upload_job(upload_id: int) -> None:
    """Run the queued step (preview or import) of one upload; a no-op if someone else claimed it."""
    from .jobs import claim, run_claimed

    upload = claim(upload_id)
    if upload is not None:
        run_claimed(upload)
