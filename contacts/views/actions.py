"""One-button actions on contacts: remove a touch, an exchange or a link; tag many at once.

The contact page's forms (log a touch, record an exchange, link two people) re-show that
page on bad input, and the page is composed a layer up, so those three actions live with
it in ``dashboard/views/contact_actions.py``, under contacts' names (contacts:add_exchange...).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from contacts import services
from contacts.forms import BulkTagForm, picker_label
from contacts.models import Contact, ContactLink, Interaction, LedgerEntry
from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest


@require_POST
def remove_touch(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    touch = get_owned_or_404(Interaction.objects.select_related("contact"), request.user, pk=pk)
    services.remove_interaction(touch)
    messages.success(request, "Removed the touch; the keep-in-touch clock now counts from the one before.")
    return redirect(touch.contact)


@require_POST
def remove_exchange(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_owned_or_404(LedgerEntry.objects.select_related("contact"), request.user, pk=pk)
    entry.delete()
    messages.success(request, "Removed the line from the give-and-get ledger.")
    return redirect(entry.contact)


@require_POST
def remove_link(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    link = get_owned_or_404(ContactLink.objects.select_related("person", "knows"), request.user, pk=pk)
    back = link.knows if str(link.knows_id) == request.POST.get("from") else link.person
    link.delete()
    messages.success(request, f"Removed the link between {link.person.full_name} and {link.knows.full_name}.")
    return redirect(back)


@require_POST
def bulk_tag(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = BulkTagForm(request.POST, owner=request.user)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = reverse("contacts:list")
    if not form.is_valid():
        for error in form.non_field_errors() + form.errors.get("contacts", []):
            messages.error(request, str(error))  # ErrorList yields each message as text
        return HttpResponseRedirect(back)
    people, tag = form.cleaned_data["contacts"], form.cleaned_data["tag"]
    if form.cleaned_data["action"] == BulkTagForm.REMOVE:
        count = services.untag_contacts(people, tag=tag)
        messages.success(request, f"Removed “{tag}” from {count} {'person' if count == 1 else 'people'}.")
    else:
        if tag is None:
            tag, _ = services.find_or_create_tag(request.user, name=form.cleaned_data["new_tag"])
        count = services.tag_contacts(people, tag=tag)
        messages.success(request, f"Tagged {count} more {'person' if count == 1 else 'people'} “{tag}”.")
    return HttpResponseRedirect(back)


@require_GET
def lookup(request: AuthenticatedHttpRequest) -> JsonResponse:
    """Suggestions for every contact picker (static/js/contacts.js): up to 10 people matching ``q``.

    Each result has the picker's exact ``label`` ("Ken Sato, Acme (#12)"), and ``id``,
    ``name`` and ``detail`` for lists that show a person (choosing whom to meet).
    """
    query = request.GET.get("q", "").strip()
    people = (
        Contact.objects.for_owner(request.user)
        .search_by_name(query)
        .only("id", "given_name", "family_name", "company", "title", "emails")[:10]
        if len(query) >= 2
        else []
    )
    return JsonResponse(
        {
            "results": [
                {
                    "id": person.pk,
                    "label": picker_label(person),
                    "name": person.full_name,
                    "detail": " · ".join(part for part in (person.title, person.company) if part),
                }
                for person in people
            ]
        }
    )
