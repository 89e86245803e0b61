"""Searches: what the meetings are for, and how each one ended."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from contacts.models import Contact
from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin, get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import services
from ..forms import AddPersonToSearchForm, AddToSearchForm, CloseSearchForm, SearchForm
from ..models import Search, people_in_search

# A search holds tens of people; past this the page says how many more there are.
PEOPLE_SHOWN = 100


class SearchListView(OwnerRequiredMixin, ListView):
    model = Search
    template_name = "meetings/search_list.html"

    def get_queryset(self) -> QuerySet[Search]:
        return super().get_queryset().with_meeting_counts()


def search_detail_context(
    request: AuthenticatedHttpRequest, search: Search, *, add_form: AddPersonToSearchForm | None = None
) -> dict[str, Any]:
    """What the search page shows; adding a person reuses it to re-show the form with errors.

    Queries: its meetings with their people (1), the people in the search (1).
    """
    people = list(
        people_in_search(search, among=Contact.objects.for_owner(request.user))
        .only("id", "given_name", "family_name", "preferred_name", "company", "title")
        .order_by("family_name", "given_name", "id")[: PEOPLE_SHOWN + 1]
    )
    return {
        "search": search,
        "object": search,
        "meetings": search.meetings.select_related("contact").in_lifecycle_order(),
        "people": people[:PEOPLE_SHOWN],
        "people_more": len(people) > PEOPLE_SHOWN,
        "add_form": add_form or AddPersonToSearchForm(owner=request.user, search=search),
    }


class SearchDetailView(OwnerRequiredMixin, DetailView[Search]):
    request: AuthenticatedHttpRequest
    model = Search
    template_name = "meetings/search_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **search_detail_context(self.request, self.object)}


def _back(request: AuthenticatedHttpRequest, fallback: Search | Contact) -> HttpResponse:
    """Return to the page the button was on (the search's or the contact's)."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return redirect(fallback)


@require_POST
def add_person(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """From the search's page: add someone from the network, picked by typing."""
    search = get_owned_or_404(Search, request.user, pk=pk)
    form = AddPersonToSearchForm(request.POST, owner=request.user, search=search)
    if not form.is_valid():
        context = search_detail_context(request, search, add_form=form)
        return render(request, "meetings/search_detail.html", context)
    contact = form.cleaned_data["contact"]
    services.add_to_search(search, contact=contact)
    messages.success(request, f"{contact.full_name} is now part of “{search.title}”.")
    return redirect(f"{search.get_absolute_url()}#people")


@require_POST
def add_to_search(request: AuthenticatedHttpRequest, contact_pk: int) -> HttpResponse:
    """From a contact's page: put them in one of the user's open searches."""
    contact = get_owned_or_404(Contact, request.user, pk=contact_pk)
    form = AddToSearchForm(request.POST, owner=request.user, contact=contact)
    if form.is_valid():
        search = form.cleaned_data["search"]
        services.add_to_search(search, contact=contact)
        messages.success(request, f"{contact.full_name} is now part of “{search.title}”.")
    else:
        # One select: nothing typed is lost, so the message and the contact's page are enough.
        messages.error(request, " ".join(str(error) for error in form.errors["search"]))
    return redirect(f"{contact.get_absolute_url()}#searches-heading")


@require_POST
def remove_person(request: AuthenticatedHttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    search = get_owned_or_404(Search, request.user, pk=pk)
    contact = get_owned_or_404(Contact, request.user, pk=contact_pk)
    if services.remove_from_search(search, contact=contact):
        messages.success(request, f"{contact.full_name} is no longer part of “{search.title}”.")
    else:
        messages.info(request, f"{contact.full_name} was not added to “{search.title}”.")
    return _back(request, search)


class SearchCreateView(OwnerFormKwargsMixin, CreateView[Search, SearchForm]):
    model = Search
    form_class = SearchForm
    template_name = "meetings/search_form.html"

    def get_initial(self) -> dict[str, Any]:
        return {"started_on": timezone.localdate()}

    def form_valid(self, form: SearchForm) -> HttpResponse:
        messages.success(self.request, f"Started the search “{form.instance.title}”.")
        return super().form_valid(form)


class SearchUpdateView(OwnerRequiredMixin, OwnerFormKwargsMixin, UpdateView[Search, SearchForm]):
    model = Search
    form_class = SearchForm
    template_name = "meetings/search_form.html"

    def form_valid(self, form: SearchForm) -> HttpResponse:
        messages.success(self.request, "Saved.")
        return super().form_valid(form)


def close_search(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
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
