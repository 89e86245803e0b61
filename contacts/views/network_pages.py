"""Network-wide views: who is going cold, whom you owe, and likely duplicates to merge."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST
from django.views.generic import ListView, TemplateView

from contacts import services
from contacts.duplicates import dismissed_pairs, history_size, history_summary, likely_duplicates, suggested_order
from contacts.merging import plan_merge
from contacts.models import Contact, NotDuplicate, Stage
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
        dismissed = list(dismissed_pairs(self.request.user))
        return {**super().get_context_data(**kwargs), "groups": groups, "total": total, "dismissed": dismissed}


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
        plan = plan_merge(survivor, duplicate)
        services.merge_contacts(survivor, duplicate=duplicate)
        kept = len(plan.kept_in_notes)
        detail = f"{kept} differing detail{'s' if kept != 1 else ''} kept in the notes" if kept else "nothing was lost"
        # Duplicates usually share a name: "Merged Ken Sato into Ken Sato" reads like a slip.
        if duplicate.full_name == survivor.full_name:
            done = f"Merged the two records of {survivor.full_name}"
        else:
            done = f"Merged {duplicate.full_name} into {survivor.full_name}"
        messages.success(request, f"{done}; {detail}.")
        return redirect(survivor)
    suggested = suggested_order([survivor, duplicate])[0]
    if suggested.pk != duplicate.pk:
        why_the_other = ""
    elif history_size(duplicate) > history_size(survivor):
        why_the_other = "has more history"
    else:
        why_the_other = "has as much history and is the older record"
    context = {
        "survivor": survivor,
        "duplicate": duplicate,
        "plan": plan_merge(survivor, duplicate),
        "survivor_history": history_summary(survivor),
        "duplicate_history": history_summary(duplicate),
        "why_keep_the_other": why_the_other,
        "new_tags": [tag for tag in duplicate.tags.all() if tag not in survivor.tags.all()],
    }
    return render(request, "contacts/merge.html", context)


@require_POST
def not_duplicate(request: AuthenticatedHttpRequest, pk: int, other_pk: int) -> HttpResponse:
    """Remember that two records are different people; they are never suggested again."""
    one = get_owned_or_404(Contact, request.user, pk=pk)
    other = get_owned_or_404(Contact, request.user, pk=other_pk)
    if one.pk == other.pk:
        messages.error(request, "That is one record, not two.")
        return redirect("contacts:duplicates")
    services.mark_not_duplicate(one, other)
    messages.success(
        request, f"{one.full_name} and {other.full_name} are different people; they won't be suggested again."
    )
    return redirect("contacts:duplicates")


@require_POST
def same_after_all(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Undo "not the same person": the pair may be suggested again."""
    pair = get_owned_or_404(NotDuplicate.objects.select_related("first", "second"), request.user, pk=pk)
    services.forget_not_duplicate(pair)
    messages.success(
        request, f"{pair.first.full_name} and {pair.second.full_name} may be suggested as duplicates again."
    )
    return redirect("contacts:duplicates")
