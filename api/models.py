"""Personal access tokens: how a script reaches the REST API as its owner."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models

from netweave.ownership import OwnedModel, OwnedQuerySet

# Writing the last-used time on every request would turn each read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenQuerySet(OwnedQuerySet):
    def newest_first(self) -> ApiTokenQuerySet:
        return self.order_by("-created_at", "-id")


class ApiToken(OwnedModel):
    """One named token. Only its sha256 is stored; the secret is shown once, at creation."""

    name = models.CharField(max_length=100)
    # The first characters of the token, so the owner can tell tokens apart in the list.
    prefix = models.CharField(max_length=16)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    read_only = models.BooleanField(default=False, help_text="Can read everything but change nothing.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def needs_last_used_update(self, now: datetime) -> bool:
        return self.last_used_at is None or now - self.last_used_at >= LAST_USED_RESOLUTION
