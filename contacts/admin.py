from __future__ import annotations

from django.contrib import admin

from .importers.admin import ImportAdminMixin
from .models import Contact, ContactLink, ImportRun, Interaction, LedgerEntry, Tag


class InteractionInline(admin.TabularInline):
    model = Interaction
    extra = 0
    fields = ("occurred_at", "channel", "note")


class LedgerEntryInline(admin.TabularInline):
    model = LedgerEntry
    extra = 0
    fields = ("occurred_on", "direction", "kind", "description")


@admin.register(Contact)
class ContactAdmin(ImportAdminMixin, admin.ModelAdmin):
    list_display = ("__str__", "company", "title", "stage", "source", "owner", "last_contacted_at")
    list_filter = ("owner", "stage", "source", "tags")
    search_fields = ("given_name", "family_name", "company", "title", "search_text")
    list_select_related = ("owner",)
    raw_id_fields = ("introduced_by", "import_run")
    filter_horizontal = ("tags",)
    readonly_fields = ("last_contacted_at", "created_at", "updated_at")
    inlines = [InteractionInline, LedgerEntryInline]
    show_full_result_count = False


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ("name", "color", "owner")
    list_filter = ("owner",)
    search_fields = ("name",)


@admin.register(ContactLink)
class ContactLinkAdmin(admin.ModelAdmin):
    list_display = ("person", "knows", "note", "owner")
    list_filter = ("owner",)
    raw_id_fields = ("person", "knows")


@admin.register(Interaction)
class InteractionAdmin(admin.ModelAdmin):
    list_display = ("contact", "channel", "occurred_at", "owner")
    list_filter = ("owner", "channel")
    raw_id_fields = ("contact",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ("contact", "direction", "kind", "occurred_on", "owner")
    list_filter = ("owner", "direction", "kind")
    raw_id_fields = ("contact",)


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ("file_name", "format", "owner", "created_at", "created_count", "updated_count", "undone_at")
    list_filter = ("owner", "format")
