"""The printable prep sheet for a meeting."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from ..models import PICKED_QUESTIONS, Meeting, MeetingState
from ..prep import give_get_balance, introduction_chain


def prep_sheet(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Who they are, how you're connected, your history, the balance, your questions, your offer."""
    meeting = get_owned_or_404(
        Meeting.objects.select_related("contact", "search").prefetch_related(PICKED_QUESTIONS),
        request.user,
        pk=pk,
    )
    contact = meeting.contact
    past = (
        Meeting.objects.for_owner(request.user)
        .filter(contact=contact, state=MeetingState.HELD)
        .exclude(pk=meeting.pk)
        .order_by("-starts_at")[:10]
    )
    chain = introduction_chain(contact)
    context = {
        "meeting": meeting,
        "contact": contact,
        "chain": chain,
        "referrer": chain[-2] if len(chain) > 1 else None,
        "past_meetings": past,
        "balance": give_get_balance(contact),
        "ledger": contact.ledger_entries.for_owner(request.user)[:6],
    }
    return render(request, "meetings/prep.html", context)
