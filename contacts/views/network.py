"""The contact list, and creating, editing and deleting contacts (a contact's page is in dashboard)."""

from __future__ import annotations

import hashlib
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import Count, Window
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import CreateView, DeleteView, ListView, UpdateView

from contacts import services
from contacts.filters import ContactFilter
from contacts.forms import ContactForm
from contacts.models import Contact
from contacts.pagination import DEFAULT_SORT, SORTS, KeysetPage, SortOrder, is_selective, keyset_page, remembered_page
from contacts.querysets import ContactQuerySet, attach_tags
from netweave.ownership import OwnerFormKwargsMixin, OwnerRequiredMixin
from netweave.typing import AuthenticatedHttpRequest

# Counting 30,000 rows on every page costs more than the page; past this we say "10,000+".
# Not lower: under a small LIMIT Postgres prefers a sequential scan to the trigram index
# for a search like "smith" (891 matches; 14 ms against 3.6 ms measured at 30,000).
COUNT_CAP = 10_000
PER_PAGE = 50


def filtered_contacts(
    request: AuthenticatedHttpRequest, network: ContactQuerySet | None = None
) -> tuple[ContactFilter, ContactQuerySet]:
    """The owner's contacts narrowed by the list's search and filters (the list and its exports share this)."""
    if network is None:
        network = Contact.objects.for_owner(request.user)
    filterset = ContactFilter(request.GET or None, queryset=network, owner=request.user, request=request)
    return filterset, filterset.qs


class ContactListView(OwnerRequiredMixin[ContactQuerySet], ListView[Contact]):
    request: AuthenticatedHttpRequest
    object_list: ContactQuerySet
    model = Contact
    template_name = "contacts/contact_list.html"

    def get_queryset(self) -> ContactQuerySet:
        self.network = super().get_queryset()
        self.filterset, queryset = filtered_contacts(self.request, self.network)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        order = SORTS.get(params.get("sort", ""), SORTS[DEFAULT_SORT])
        page, found = remembered_page(
            self.request.user.pk,
            self.page_part(),
            self.network.for_list(),
            order,
            lambda: self.read_page(self.object_list.for_list(), order),
        )
        tags = self.filterset.tags
        attach_tags(page.object_list, tags)
        context.update(
            filter=self.filterset,
            page=page,
            contacts=page.object_list,
            order=order,
            sorts=SORTS.values(),
            found=min(found, COUNT_CAP),
            found_more=found > COUNT_CAP,
            tags=tags,
            list_url=reverse("contacts:list"),
        )
        return context

    def page_part(self) -> str | None:
        """The cache part naming this page (filters, sort and cursor); None when it must be read
        every time: the keep-in-touch filter moves with the clock, not with writes."""
        if self.request.GET.get("keep_in_touch"):
            return None
        params = sorted((name, value) for name, values in self.request.GET.lists() for value in values)
        return "contact-page:" + hashlib.blake2s(urlencode(params).encode(), digest_size=12).hexdigest()

    def read_page(self, rows: ContactQuerySet, order: SortOrder) -> tuple[KeysetPage, int]:
        """The page the request asks for, and how many contacts match (up to ``COUNT_CAP + 1``)."""
        params = self.request.GET
        selective = is_selective(params.get("q", ""))
        first_page = not (params.get("after") or params.get("before"))
        if selective and first_page:
            # Postgres sorts every match to find the first page anyway, so counting
            # them in the same query is free: one query instead of two.
            rows = rows.annotate(found=Window(Count("pk")))
        page = keyset_page(
            rows,
            order,
            after=params.get("after", ""),
            before=params.get("before", ""),
            per_page=PER_PAGE,
            selective=selective,
        )
        if selective and first_page:
            found = page.object_list[0].found if page.object_list else 0
        else:
            found = self.object_list.order_by()[: COUNT_CAP + 1].count()
        return page, found


class ContactFormMixin(OwnerFormKwargsMixin):
    # Typed as the generic views declare them, so the two views' bases agree.
    object: Contact | None
    model = Contact
    form_class: type[ContactForm] | None = ContactForm
    template_name: str | None = "contacts/contact_form.html"

    success_text = ""

    def form_valid(self, form: ContactForm) -> HttpResponse:
        contact = form.save(commit=False)
        contact.introduced_by = form.cleaned_data["introduced_by"]
        self.object = saved = services.save_contact(
            contact, tags=form.cleaned_data["tags"], new_introducer_name=form.cleaned_data["new_introducer"]
        )
        if form.cleaned_data["new_introducer"] and saved.introduced_by:
            messages.info(self.request, f"{saved.introduced_by.full_name} was added to your network too.")
        messages.success(self.request, self.success_text.format(name=saved.full_name))
        return redirect(saved)


class ContactCreateView(ContactFormMixin, CreateView[Contact, ContactForm]):
    success_text = "{name} is in your network."


class ContactUpdateView(OwnerRequiredMixin[ContactQuerySet], ContactFormMixin, UpdateView[Contact, ContactForm]):
    object: Contact
    success_text = "Saved {name}."

    def get_queryset(self) -> ContactQuerySet:
        return super().get_queryset().select_related("introduced_by")


class ContactDeleteView(OwnerRequiredMixin[ContactQuerySet], SuccessMessageMixin, DeleteView):
    model = Contact
    template_name = "contacts/contact_confirm_delete.html"
    success_url = reverse_lazy("contacts:list")

    def get_queryset(self) -> ContactQuerySet:
        return super().get_queryset().with_history_counts()

    def get_success_message(self, cleaned_data: dict) -> str:
        return f"{self.object.full_name} and their history were deleted."
