from __future__ import annotations

from django.contrib import admin

from .models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Staff can see and revoke (delete) tokens; the secret itself is never stored, so never shown."""

    list_display = ["name", "owner", "prefix", "read_only", "created_at", "last_used_at"]
    list_filter = ["read_only"]
    search_fields = ["name", "prefix", "owner__username"]
    list_select_related = ["owner"]
    readonly_fields = ["owner", "name", "prefix", "read_only", "created_at", "last_used_at"]
    exclude = ["key_hash"]

    def has_add_permission(self, request) -> bool:
        return False
