from __future__ import annotations

from django.contrib import admin
from django.db import models

from netweave.ownership import OwnedInlineFormSet, OwnedModelAdmin

from .models import Contact, ContactLink, Interaction, LedgerEntry, Tag


class InteractionInline(admin.TabularInline):
    formset = OwnedInlineFormSet
    model = Interaction
    extra = 0
    fields = ("occurred_at", "channel", "note")
    ordering = ("-occurred_at",)


class KnowsInline(admin.TabularInline):
    formset = OwnedInlineFormSet
    model = ContactLink
    fk_name = "person"
    extra = 0
    fields = ("knows", "note")
    raw_id_fields = ("knows",)
    verbose_name = "person they know"
    verbose_name_plural = "people they know"


class LedgerEntryInline(admin.TabularInline):
    formset = OwnedInlineFormSet
    model = LedgerEntry
    extra = 0
    fields = ("occurred_on", "direction", "kind", "description")


@admin.register(Contact)
class ContactAdmin(OwnedModelAdmin):
    list_display = ("__str__", "company", "title", "stage", "source", "introduced_by", "owner", "last_contacted_at")
    list_filter = ("owner", "stage", "source", "sells_time", "tags", "created_at")
    # search_text holds names, company, title, location, emails and notes, lower-cased and trigram-indexed.
    search_fields = ("search_text",)
    list_select_related = ("owner", "introduced_by")
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    raw_id_fields = ("introduced_by", "import_run")
    filter_horizontal = ("tags",)
    readonly_fields = ("last_contacted_at", "created_at", "updated_at")
    inlines = [InteractionInline, LedgerEntryInline, KnowsInline]
    fieldsets = (
        (None, {"fields": ("owner", ("given_name", "family_name", "preferred_name"), "emails", "phones")}),
        ("Work", {"fields": (("company", "title"), "location", "linkedin_url", "website")}),
        ("How you met", {"fields": ("source", "source_detail", "met_on", "introduced_by", "import_run")}),
        ("Keeping in touch", {"fields": ("stage", "cadence_days", "sells_time", "tags", "last_contacted_at")}),
        ("Notes", {"fields": ("notes", "how_i_can_help", "how_they_can_help")}),
        ("Record", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )
    show_full_result_count = False


@admin.register(Tag)
class TagAdmin(OwnedModelAdmin):
    list_display = ("name", "color", "owner")
    list_filter = ("owner",)
    search_fields = ("name",)


@admin.register(ContactLink)
class ContactLinkAdmin(OwnedModelAdmin):
    list_display = ("person", "knows", "note", "owner")
    list_filter = ("owner",)
    raw_id_fields = ("person", "knows")


@admin.register(Interaction)
class InteractionAdmin(OwnedModelAdmin):
    list_display = ("contact", "channel", "occurred_at", "owner")
    list_filter = ("owner", "channel")
    raw_id_fields = ("contact",)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(OwnedModelAdmin):
    list_display = ("contact", "direction", "kind", "occurred_on", "owner")
    list_filter = ("owner", "direction", "kind")
    raw_id_fields = ("contact",)
