from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from netweave.ownership import OwnedModelAdmin

from .models import DraftTemplate, FollowUp, ReminderEmail, ReminderStatus


@admin.register(FollowUp)
class FollowUpAdmin(OwnedModelAdmin):
    list_display = ("title", "kind", "state", "due_on", "owner")
    list_filter = ("kind", "state")
    search_fields = ("title", "owner__username")
    raw_id_fields = ("owner", "contact", "meeting", "search")
    list_select_related = ("owner",)
    readonly_fields = ("rule_key", "created_at")


@admin.register(DraftTemplate)
class DraftTemplateAdmin(OwnedModelAdmin):
    list_display = ("kind", "owner", "subject", "updated_at")
    list_filter = ("kind",)
    raw_id_fields = ("owner",)
    list_select_related = ("owner",)


@admin.register(ReminderEmail)
class ReminderEmailAdmin(admin.ModelAdmin):
    """Delivery log. Failed rows are retried automatically by the next run within their period."""

    list_display = ("user", "kind", "period", "status", "attempts", "sent_at", "failed_at", "short_error")
    list_filter = ("status", "kind", "period")
    search_fields = ("user__username", "user__email")
    list_select_related = ("user",)
    date_hierarchy = "period"
    actions = ["release_claims"]
    readonly_fields = (
        "user",
        "kind",
        "period",
        "status",
        "claim_token",
        "claimed_at",
        "attempts",
        "item_count",
        "sent_at",
        "failed_at",
        "last_error",
        "created_at",
    )

    @admin.display(description="Error")
    def short_error(self, row: ReminderEmail) -> str:
        return row.last_error[:80]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: ReminderEmail | None = None) -> bool:
        return False

    def has_release_claims_permission(self, request: HttpRequest) -> bool:
        # Releasing a claim can send a user the same email twice: superusers only.
        return request.user.is_superuser

    @admin.action(
        description="Release stuck claims now (may resend if the mail had actually gone out)",
        permissions=["release_claims"],
    )
    def release_claims(self, request: HttpRequest, queryset: QuerySet[ReminderEmail]) -> None:
        # Normally a dead worker's claims are taken over after the stale timeout;
        # this is for an operator who knows the worker is gone and the mail did not go.
        if not self.has_release_claims_permission(request):
            raise PermissionDenied
        count = queryset.filter(status=ReminderStatus.SENDING).update(
            status=ReminderStatus.FAILED, claim_token="", last_error="Released by an administrator."
        )
        self.message_user(request, f"{count} claim(s) released; the next run sends them.", messages.SUCCESS)
