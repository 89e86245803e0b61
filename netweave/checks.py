"""Deployment checks (``manage.py check --deploy``) for settings only netweave has."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register

SITE_URL_HINT = (
    "Set SITE_URL to the https:// address people open netweave at, e.g. SITE_URL=https://netweave.example.org. "
    "Every link in a reminder email starts with it; a wrong one sends people to another site or a second log-in."
)


@register(Tags.security, deploy=True)
def check_site_url(app_configs: Iterable[Any] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """In production, SITE_URL must be set explicitly and use https (only DEBUG has a default)."""
    if not settings.SITE_URL:
        return [Error("SITE_URL is not set.", hint=SITE_URL_HINT, id="netweave.E001")]
    address = urlparse(settings.SITE_URL)
    if address.scheme != "https" or not address.hostname:
        return [
            Error(
                f"SITE_URL must be an https:// address, not {settings.SITE_URL!r}.",
                hint=SITE_URL_HINT,
                id="netweave.E002",
            )
        ]
    return []
