from __future__ import annotations

from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = "Follow-ups and reminders"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the signal receivers
