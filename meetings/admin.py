from __future__ import annotations

from django.contrib import admin

from netweave.ownership import OwnedModelAdmin

from .models import Meeting, Search


@admin.register(Search)
class SearchAdmin(OwnedModelAdmin):
    list_display = ("title", "owner", "started_on", "ended_on")
    list_filter = ("owner",)
    search_fields = ("title",)
    # A multi-select of every contact would be 30,000 options per network.
    raw_id_fields = ("contacts",)


@admin.register(Meeting)
class MeetingAdmin(OwnedModelAdmin):
    list_display = ("__str__", "state", "starts_at", "owner")
    list_filter = ("owner", "state", "kind")
    raw_id_fields = ("contact", "search", "suggested_contacts")
    list_select_related = ("contact", "owner")
