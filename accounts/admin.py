from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "display_name", "time_zone", "is_staff", "last_login")
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            "netweave preferences",
            {
                "fields": (
                    "display_name",
                    "time_zone",
                    ("weekly_digest_enabled", "weekly_digest_weekday", "weekly_digest_hour"),
                    ("daily_reminder_enabled", "daily_reminder_hour"),
                    ("cadence_acquaintance_days", "cadence_in_touch_days", "cadence_ally_days"),
                    ("thank_you_delay_days", "reply_nudge_after_days"),
                )
            },
        ),
    )
