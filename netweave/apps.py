from __future__ import annotations

from django.apps import AppConfig


class NetweaveConfig(AppConfig):
    """The project itself, as an app: only so that its system checks are registered."""

    name = "netweave"
    verbose_name = "netweave"

    def ready(self) -> None:
        from . import checks  # noqa: F401 (registers the checks)
