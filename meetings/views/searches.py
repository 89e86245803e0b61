"""Searches: what the meetings are for, and how each one ended."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin, get_owned_or_404

from .. import services
from ..forms import CloseSearchForm, SearchForm
from ..models import Search


class SearchListView(OwnerRequiredMixin, ListView):
    model = Search
    template_name = "meetings/search_list.html"

    def get_queryset(self) -> QuerySet[Search]:
        return super().get_queryset().with_meeting_counts()


class SearchDetailView(OwnerRequiredMixin, DetailView):
    model = Search
    template_name = "meetings/search_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["meetings"] = self.object.meetings.select_related("contact").in_lifecycle_order()
        return context


class SearchCreateView(OwnerFormKwargsMixin, CreateView):
    model = Search
    form_class = SearchForm
    template_name = "meetings/search_form.html"

    def get_initial(self) -> dict[str, Any]:
        return {"started_on": timezone.localdate()}

    def form_valid(self, form: SearchForm) -> HttpResponse:
        messages.success(self.request, f"Started the search “{form.instance.title}”.")
        return super().form_valid(form)


class SearchUpdateView(OwnerRequiredMixin, OwnerFormKwargsMixin, UpdateView):
    model = Search
    form_class = SearchForm
    template_name = "meetings/search_form.html"

    def form_valid(self, form: SearchForm) -> HttpResponse:
        messages.success(self.request, "Saved.")
        return super().form_valid(form)


def close_search(request: HttpRequest, pk: int) -> HttpResponse:
    """End a search with its outcome, then review the outcome reports for everyone who helped."""
    search = get_owned_or_404(Search, request.user, pk=pk)
    if not search.is_open:
        messages.info(request, "This search is already closed.")
        return redirect(search)
    form = CloseSearchForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST":
        if form.is_valid():
            services.close_search(search, outcome=form.cleaned_data["outcome"], ended_on=form.cleaned_data["ended_on"])
            messages.success(request, "Search closed. Now end the suspense: tell everyone who helped.")
            return redirect("followups:review_outcome_reports", search_pk=search.pk)
        messages.error(request, "Please correct the errors below.")
    return render(request, "meetings/search_close.html", {"search": search, "form": form})
