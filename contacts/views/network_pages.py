"""Network-wide views: who is going cold, whom you owe, and likely duplicates to merge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django.views.generic import ListView, TemplateView

from contacts import services
from contacts.duplicates import likely_duplicates
from contacts.models import Contact, Stage
from contacts.querysets import ContactQuerySet
from netweave.ownership import OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest


class GoingColdView(OwnerRequiredMixin[ContactQuerySet], ListView[Contact]):
    request: AuthenticatedHttpRequest
    model = Contact
    template_name = "contacts/going_cold.html"
    context_object_name = "contacts"
    paginate_by = 50

    def get_queryset(self) -> ContactQuerySet:
        self.now = timezone.now()
        return super().get_queryset().going_cold(self.now).prefetch_related("tags")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["now"] = self.now
        context["never_contacted"] = Contact.objects.for_owner(user).never_contacted().count()
        context["cadences"] = [(label, user.cadence_for_stage(value)) for value, label in Stage.choices]
        return context


class OwedView(OwnerRequiredMixin[ContactQuerySet], ListView[Contact]):
    model = Contact
    template_name = "contacts/owed.html"
    context_object_name = "contacts"
    paginate_by = 50

    def get_queryset(self) -> ContactQuerySet:
        return super().get_queryset().owed()


class DuplicatesView(TemplateView):
    request: AuthenticatedHttpRequest
    template_name = "contacts/duplicates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        groups, total = likely_duplicates(self.request.user)
        return {**super().get_context_data(**kwargs), "groups": groups, "total": total}


@require_http_methods(["GET", "POST"])
def merge(request: AuthenticatedHttpRequest, pk: int, other_pk: int) -> HttpResponse:
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
