from __future__ import annotations

from django.contrib import admin

from .models import AccountBackup


@admin.register(AccountBackup)
class AccountBackupAdmin(admin.ModelAdmin):
    list_display = ["owner", "created_at", "state", "rows_total", "finished_at"]
    list_filter = ["state"]
    readonly_fields = ["owner", "created_at", "state", "rows_done", "rows_total", "file_name", "finished_at", "error"]
