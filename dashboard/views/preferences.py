"""The preferences page: accounts' settings form beside followups' reminder delivery status."""

from __future__ import annotations

from accounts.views import PreferencesView
from followups.reminders import delivery_status


class PreferencesPage(PreferencesView):
    template_name = "dashboard/preferences.html"

    def get_context_data(self, **kwargs: object) -> dict[str, object]:
        return super().get_context_data(delivery_status=delivery_status(self.request.user), **kwargs)
