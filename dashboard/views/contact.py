"""A contact's page: what contacts, meetings and follow-ups each know about one person, on one page."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.views.generic import DetailView

from contacts.forms import ContactLinkForm, InteractionForm, LedgerEntryForm
from contacts.models import Contact, ContactLink, LedgerEntry
from dashboard.timeline import contact_timeline
from followups.models import FollowUp
from meetings.models import Search
from netweave.ownership import OwnerRequiredMixin
from netweave.typing import AuthenticatedHttpRequest

# Open follow-ups on a contact's page; the rest are one click away on the follow-ups list.
OPEN_SHOWN = 10


def detail_context(request: AuthenticatedHttpRequest, contact: Contact, **forms: Any) -> dict[str, Any]:
    """Everything the contact page shows; the quick-action views reuse it to re-show a form with errors.

    Queries: timeline (4), introduction chain (1), people they introduced (1),
    links both ways (1), ledger balance (1), searches (1), open follow-ups (1), when
    to touch base next (1, ``with_touch_due()``: the going-cold list's clock). Tags
    and the introducer come with the contact.
    """
    owner = request.user
    open_followups = list(
        FollowUp.objects.for_owner(owner).open().filter(contact=contact).order_by("due_on", "id")[: OPEN_SHOWN + 1]
    )
    # The searches they are in, and the open ones they could be added to: a user has a
    # handful of searches, so one query for both.
    searches = list(
        Search.objects.for_owner(owner)
        .with_membership(contact)
        .filter(Q(has_contact=True) | Q(met_in=True) | Q(ended_on__isnull=True))
        .order_by("-started_on", "-id")
    )
    introduced = list(contact.introduced.for_owner(owner).order_by("family_name", "given_name", "id")[:13])
    links = [
        (link, link.knows if link.person_id == contact.pk else link.person)
        for link in ContactLink.objects.for_owner(owner)
        .filter(Q(person=contact) | Q(knows=contact))
        .select_related("person", "knows")
    ]
    clock = Contact.objects.for_owner(owner).with_touch_due().filter(pk=contact.pk)
    touch = clock.values("effective_cadence", "touch_due_at").get()
    return {
        "contact": contact,
        "object": contact,
        "timeline": contact_timeline(contact),
        "chain": Contact.objects.introduction_chain(contact),
        "introduced": introduced[:12],
        "introduced_more": len(introduced) > 12,
        "links": sorted(links, key=lambda pair: pair[1].full_name.lower()),
        "balance": LedgerEntry.objects.for_owner(owner).filter(contact=contact).balance(),
        "cadence": touch["effective_cadence"],
        "touch_due_on": timezone.localdate(touch["touch_due_at"]) if touch["touch_due_at"] else None,
        "now": timezone.now(),
        "today": timezone.localdate(),
        "touch_form": forms.get("touch_form") or InteractionForm(initial={"occurred_at": timezone.localtime()}),
        "ledger_form": forms.get("ledger_form") or LedgerEntryForm(initial={"occurred_on": timezone.localdate()}),
        "link_form": forms.get("link_form") or ContactLinkForm(person=contact, owner=owner),
        "open_panel": forms.get("open_panel", ""),
        "open_followups": open_followups[:OPEN_SHOWN],
        "open_followups_more": len(open_followups) > OPEN_SHOWN,
        "contact_searches": [search for search in searches if search.has_contact or search.met_in],
        "search_options": [search for search in searches if search.is_open and not search.has_contact],
    }


class ContactDetailView(OwnerRequiredMixin, DetailView[Contact]):
    request: AuthenticatedHttpRequest
    model = Contact
    template_name = "dashboard/contact_detail.html"

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().select_related("introduced_by").prefetch_related("tags")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **detail_context(self.request, self.object)}
