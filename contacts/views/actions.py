"""One-button actions on contacts: remove a touch, an exchange or a link; tag many at once.

The contact page's forms (log a touch, record an exchange, link two people) re-show that
page on bad input, and the page is composed a layer up, so those three actions live with
it in ``dashboard/views/contact_actions.py``, under contacts' names (contacts:add_exchange...).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from contacts import services
from contacts.forms import BulkTagForm, picker_label
from contacts.models import Contact, ContactLink, Interaction, LedgerEntry, Tag
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
    people, tag = list(form.cleaned_data["contacts"]), form.cleaned_data["tag"]
    if form.cleaned_data["action"] == BulkTagForm.REMOVE:
        count = services.untag_contacts(people, tag=tag)
        messages.success(request, _bulk_tag_message(tag, changed=count, people=people, removing=True))
    else:
        if tag is None:
            tag, _ = services.find_or_create_tag(request.user, name=form.cleaned_data["new_tag"])
        count = services.tag_contacts(people, tag=tag)
        messages.success(request, _bulk_tag_message(tag, changed=count, people=people, removing=False))
    return HttpResponseRedirect(back)


def _people(count: int) -> str:
    return f"{count} {'person' if count == 1 else 'people'}"


def _bulk_tag_message(tag: Tag, *, changed: int, people: Sequence[Contact], removing: bool) -> str:
    """What the bulk bar did: "Tagged 2 people “Mentor” (1 already had it).", "Removed “Mentor”
    from 1 person (1 did not have it).", "Ken Sato already had “Mentor”.", "Neither had “Mentor”."
    ``changed`` of the ticked ``people`` gained (or lost) the tag."""
    unchanged = len(people) - changed
    if changed:
        done = f"Removed “{tag}” from {_people(changed)}" if removing else f"Tagged {_people(changed)} “{tag}”"
        return done + (f" ({unchanged} {'did not have' if removing else 'already had'} it)." if unchanged else ".")
    if unchanged == 1:
        return f"{people[0].full_name} {'did not have' if removing else 'already had'} “{tag}”."
    if removing:
        return f"{'Neither' if unchanged == 2 else f'None of the {unchanged}'} had “{tag}”."
    return f"{'Both' if unchanged == 2 else f'All {unchanged}'} already had “{tag}”."


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
