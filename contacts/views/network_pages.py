"""Network-wide views: who is going cold, whom you owe, and likely duplicates to merge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView, TemplateView

from contacts import services
from contacts.duplicates import likely_duplicates
from contacts.models import Contact
from netweave.ownership import OwnerRequiredMixin, get_owned_or_404


class GoingColdView(OwnerRequiredMixin, ListView):
    model = Contact
    template_name = "contacts/going_cold.html"
    context_object_name = "contacts"
    paginate_by = 50

    def get_queryset(self) -> QuerySet:
        self.now = timezone.now()
        return super().get_queryset().going_cold(self.now).prefetch_related("tags")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["now"] = self.now
        context["never_contacted"] = Contact.objects.for_owner(user).never_contacted().count()
        context["cadences"] = [
            (label, user.cadence_for_stage(value)) for value, label in Contact._meta.get_field("stage").choices
        ]
        return context


class OwedView(OwnerRequiredMixin, ListView):
    model = Contact
    template_name = "contacts/owed.html"
    context_object_name = "contacts"
    paginate_by = 50

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().owed()


class DuplicatesView(TemplateView):
    template_name = "contacts/duplicates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        groups, total = likely_duplicates(self.request.user)
        return {**super().get_context_data(**kwargs), "groups": groups, "total": total}


@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """Show what merging ``other_pk`` into ``pk`` does (GET), then do it (POST)."""
    network = Contact.objects.with_history_counts().select_related("introduced_by").prefetch_related("tags")
    survivor = get_owned_or_404(network, request.user, pk=pk)
    duplicate = get_owned_or_404(network, request.user, pk=other_pk)
    if survivor.pk == duplicate.pk:
        messages.error(request, "A contact cannot be merged into itself.")
        return redirect(survivor)
    if request.method == "POST":
        services.merge_contacts(survivor, duplicate=duplicate)
        messages.success(request, f"Merged {duplicate.full_name} into {survivor.full_name}; nothing was lost.")
        return redirect(survivor)
    return render(request, "contacts/merge.html", {"survivor": survivor, "duplicate": duplicate})
