from __future__ import annotations

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest

from contacts.models import Contact

from .models import MeetingKind, MeetingState, Purpose, Search


def _owner_searches(request: HttpRequest | None) -> QuerySet[Search]:
    # Without a request (django-filter building its form alone) there is nobody's search to offer.
    user = getattr(request, "user", None)
    return Search.objects.for_owner(user) if user is not None else Search.objects.none()


class MeetingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Person",
        method="filter_person",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Name or company"}),
    )
    state = django_filters.ChoiceFilter(choices=MeetingState.choices, empty_label="Any state")
    search = django_filters.ModelChoiceFilter(queryset=_owner_searches, empty_label="Any search")
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, empty_label="Any kind")
    purpose = django_filters.ChoiceFilter(choices=Purpose.choices, empty_label="Any purpose")

    @property
    def form(self) -> forms.Form:
        form = super().form
        for name, field in form.fields.items():
            css = "form-control form-control-sm" if name == "q" else "form-select form-select-sm"
            field.widget.attrs.setdefault("class", css)
        return form

    def filter_person(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # Through the owner's own contact search: the search index then reads this network's
        # entries only, where a join on contact__search_text read every network's matches.
        people = Contact.objects.for_owner(getattr(self.request, "user", AnonymousUser())).search(value)
        return queryset.filter(contact__in=people)
