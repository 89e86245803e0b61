"""An uploaded file waiting between preview and confirm (and the state of its background job)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models

from netweave.ownership import OwnedModel, OwnedQuerySet


class UploadState(models.TextChoices):
    UPLOADED = "uploaded", "Uploaded"
    QUEUED = "queued", "Waiting to start"
    WORKING = "working", "Working"
    PREVIEWED = "previewed", "Ready to review"
    IMPORTED = "imported", "Imported"
    FAILED = "failed", "Failed"


class UploadStep(models.TextChoices):
    PREVIEW = "preview", "Preparing the preview"
    IMPORT = "import", "Importing"
    UNDO = "undo", "Undoing the import"


class ImportUploadQuerySet(OwnedQuerySet):
    def stale(self, now: datetime) -> ImportUploadQuerySet:
        """Uploads nobody confirmed within a day: their files are dropped."""
        return self.filter(created_at__lt=now - timedelta(days=1))

    def abandoned(self, now: datetime) -> ImportUploadQuerySet:
        """Stale uploads of every owner, except a step a worker may still be running.

        A file previewed yesterday and confirmed just now is being imported right now;
        its job counts as abandoned only once it, too, has waited a day.
        """
        busy = [UploadState.QUEUED, UploadState.WORKING]
        return self.stale(now).exclude(state__in=busy, queued_at__gte=now - timedelta(days=1))

    def pending(self) -> ImportUploadQuerySet:
        """Files waiting for a choice (columns, confirm, or a retry); a job a worker may be running is not."""
        return self.filter(state__in=[UploadState.UPLOADED, UploadState.PREVIEWED, UploadState.FAILED])

    def claimable(self, now: datetime) -> ImportUploadQuerySet:
        """Queued jobs no worker picked up in time (Redis down, no worker): a page request runs them."""
        wait = timedelta(seconds=settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS)
        return self.filter(state=UploadState.QUEUED, queued_at__lte=now - wait)


class ImportUpload(OwnedModel):
    """The file between preview and confirm, kept server-side and scoped to its owner.

    The bytes live in Postgres, so any web process or worker can read them, the
    session stays small, and a day-old upload is removed by the next upload or by
    the daily clean-up (``jobs.drop_abandoned_uploads``).
    ``owner`` is the person whose network receives the contacts; ``uploaded_by``
    differs only when staff import for someone from the admin.
    """

    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()
    size = models.PositiveIntegerField(default=0)
    requested_format = models.CharField(max_length=20, default="auto")
    mapping = models.JSONField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=UploadState.choices, default=UploadState.UPLOADED)
    step = models.CharField(max_length=20, choices=UploadStep.choices, default=UploadStep.PREVIEW)
    queued_at = models.DateTimeField(null=True, blank=True)
    preview = models.JSONField(null=True, blank=True)
    # The preview's parsed and matched rows (stored_plan.pack: compressed JSON with a format
    # version), so confirm need not parse and match again; dropped once imported.
    plan = models.BinaryField(null=True, blank=True)
    decisions = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    run = models.ForeignKey("contacts.ImportRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ImportUploadQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        # The table was created while the importers lived in the contacts app.
        db_table = "contacts_importupload"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"

    @property
    def is_busy(self) -> bool:
        return self.state in (UploadState.QUEUED, UploadState.WORKING)
