from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "REST API"

    def ready(self) -> None:
        # Registers the Bearer scheme with drf-spectacular (an import for its side effect).
        from . import authentication  # noqa: F401
