"""The contact page's quick-action forms: log a touch, record an exchange, link two people.

They live with the page because bad input re-shows it with the form open. Logging a touch
goes through ``followups.services.log_touch``, so it also closes the person's
keep-in-touch loop. They keep contacts' addresses and names (``contacts:log_touch``...):
see ``contact_page_patterns`` in dashboard/urls.py.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from contacts import services as contact_services
from contacts.forms import ContactLinkForm, InteractionForm, LedgerEntryForm
from contacts.models import Contact
from dashboard.views.contact import ContactDetailView, detail_context
from followups import services as followup_services
from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest


def _contact(request: AuthenticatedHttpRequest, pk: int) -> Contact:
    # The introducer for the page shown again on an error; its tags load only then.
    return get_owned_or_404(Contact.objects.select_related("introduced_by"), request.user, pk=pk)


def _show_errors(request: AuthenticatedHttpRequest, contact: Contact, **forms: Any) -> HttpResponse:
    """The contact's page again, with the invalid form open."""
    messages.error(request, "Nothing was saved: please fix the form below.")
    return render(request, ContactDetailView.template_name, detail_context(request, contact, **forms), status=400)


@require_POST
def log_touch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = InteractionForm(request.POST)
    if not form.is_valid():
        return _show_errors(request, contact, touch_form=form, open_panel="touch")
    touch = followup_services.log_touch(contact, owner=request.user, **form.cleaned_data)
    said = f"Logged. The keep-in-touch clock for {contact.call_them} starts again."
    if touch.stage_before:
        said += f" {contact.call_them} is now {contact.get_stage_display()}."
    messages.success(request, said)
    return redirect(contact)


@require_POST
def add_exchange(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = LedgerEntryForm(request.POST)
    if not form.is_valid():
        return _show_errors(request, contact, ledger_form=form, open_panel="ledger")
    entry = contact_services.record_exchange(contact, **form.cleaned_data)
    messages.success(request, f"Recorded: {entry.summary}.")
    return redirect(contact)


@require_POST
def add_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    contact = _contact(request, pk)
    form = ContactLinkForm(request.POST, person=contact, owner=request.user)
    if not form.is_valid():
        return _show_errors(request, contact, link_form=form, open_panel="link")
    link = contact_services.add_link(contact, knows=form.cleaned_data["knows"], note=form.cleaned_data["note"])
    messages.success(request, f"Noted: {contact.call_them} knows {link.knows.full_name}.")
    return redirect(contact)
