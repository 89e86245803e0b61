"""The contact list's search and filters, shared by the list page and its exports."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.functional import cached_property

from .models import Contact, ContactQuerySet, ImportRun, Source, Stage, Tag


class KeepInTouch:
    GOING_COLD = "going_cold"
    NEVER = "never"
    CHOICES = [(GOING_COLD, "Going cold"), (NEVER, "Never contacted")]


class CachedChoiceIterator(ModelChoiceIterator):
    """Choices read from the field's queryset and kept there (the stock iterator queries each time).

    The contact list shows the same tags again (bulk tagging, the rows' badges), so
    one query serves all three; see ``ContactFilter.tags``.
    """

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:
            yield self.choice(obj)


# What the list says of a filter value it cannot use (a deleted tag, an old link, a typo).
IGNORED = {
    "tag": "the tag is not one of yours (it may have been deleted).",
    "stage": "“%(value)s” is not a stage.",
    "source": "“%(value)s” is not one of the places you meet people.",
    "keep_in_touch": "“%(value)s” is not a keep-in-touch choice.",
    "introduced_by": "that person is not in your network.",
    "import_run": "that import is not one of yours.",
}


class ContactFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_search", label="Search")
    tag = django_filters.ModelChoiceFilter(
        queryset=Tag.objects.none(), field_name="tags", label="Tag", empty_label="Any tag"
    )
    stage = django_filters.ChoiceFilter(choices=Stage.choices, empty_label="Any stage")
    source = django_filters.ChoiceFilter(choices=Source.choices, label="Where you met", empty_label="Anywhere")
    company = django_filters.CharFilter(lookup_expr="icontains", label="Company")
    keep_in_touch = django_filters.ChoiceFilter(
        choices=KeepInTouch.CHOICES, method="filter_keep_in_touch", label="Keep in touch", empty_label="Everyone"
    )
    # A hidden id, set from a contact's page ("everyone Alice introduced you to"): a
    # <select> of 30,000 possible introducers would be neither usable nor fast.
    introduced_by = django_filters.ModelChoiceFilter(
        queryset=Contact.objects.none(), widget=forms.HiddenInput, label="Introduced by"
    )
    # Also a hidden id, from an import's summary page ("the people this import created").
    import_run = django_filters.ModelChoiceFilter(
        queryset=ImportRun.objects.none(), widget=forms.HiddenInput, label="Import"
    )

    class Meta:
        model = Contact
        fields: list[str] = []

    def __init__(self, *args: Any, owner, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.filters["tag"].queryset = Tag.objects.for_owner(owner)
        self.filters["introduced_by"].queryset = Contact.objects.for_owner(owner)
        self.filters["import_run"].queryset = ImportRun.objects.for_owner(owner)
        for name, field in self.form.fields.items():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
            field.widget.attrs.setdefault("id", f"filter-{name}")
        tag_field = self.form.fields["tag"]
        tag_field.iterator = CachedChoiceIterator
        tag_field.widget.choices = tag_field.choices
        # The notice above the list names the filter that was left out, and why.
        for name, message in IGNORED.items():
            self.form.fields[name].error_messages["invalid_choice"] = message
        self.form.fields["q"].widget.attrs.update(type="search", placeholder="Name, company, title, email, notes")
        self.form.fields["company"].widget.attrs.update(placeholder="Any company")

    @cached_property
    def tags(self) -> list[Tag]:
        """The owner's tags by name, from the same query as the tag filter's choices."""
        return list(self.form.fields["tag"].queryset)

    def filter_search(self, queryset: ContactQuerySet, name: str, value: str) -> ContactQuerySet:
        return queryset.search(value)

    def filter_keep_in_touch(self, queryset: ContactQuerySet, name: str, value: str) -> ContactQuerySet:
        if value == KeepInTouch.GOING_COLD:
            return queryset.going_cold(timezone.now())
        if value == KeepInTouch.NEVER:
            return queryset.never_contacted()
        return queryset

    @property
    def active_introducer(self) -> Contact | None:
        """The introducer the list is narrowed to, for the "Introduced by Alice ×" chip."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("introduced_by")
        return None

    @property
    def active_import_run(self) -> ImportRun | None:
        """The import the list is narrowed to, for the "From the import of ... ×" chip."""
        if self.is_bound and self.form.is_valid():
            return self.form.cleaned_data.get("import_run")
        return None

    @property
    def is_narrowed(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.filters)
