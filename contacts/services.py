"""Writes to the network. Views, admin, commands and tasks all call these."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import Q

from .models import Contact, Direction, LedgerEntry, LedgerKind


def record_touch(contact: Contact, *, when: datetime) -> None:
    """Restart the keep-in-touch clock: a logged touch or a held meeting happened at ``when``.

    Only moves ``last_contacted_at`` forward, so logging an old touch never makes a
    contact look colder than they are. A conditional UPDATE, safe under concurrency.
    """
    Contact.objects.filter(pk=contact.pk).filter(
        Q(last_contacted_at__isnull=True) | Q(last_contacted_at__lt=when)
    ).update(last_contacted_at=when)
    if contact.last_contacted_at is None or contact.last_contacted_at < when:
        contact.last_contacted_at = when


def record_exchange(
    contact: Contact,
    *,
    direction: Direction | str,
    kind: LedgerKind | str,
    description: str = "",
    occurred_on: date,
) -> LedgerEntry:
    """Add one line to the give-and-get ledger with ``contact``."""
    return LedgerEntry.objects.create(
        owner_id=contact.owner_id,
        contact=contact,
        direction=direction,
        kind=kind,
        description=description,
        occurred_on=occurred_on,
    )
