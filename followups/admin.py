from __future__ import annotations

from django.contrib import admin

from .models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "state", "due_on", "owner")
    list_filter = ("owner", "kind", "state")
    raw_id_fields = ("contact", "meeting", "search")
    list_select_related = ("owner",)
