"""Reads for the prep sheet: who they are, how you are connected, what you owe each other."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from contacts.models import Contact, Direction, LedgerEntry

# Introductions deeper than this are noise on a prep sheet, and the cap bounds the queries.
MAX_CHAIN = 12
_HOPS = "introduced_by__introduced_by__introduced_by"


def introduction_chain(contact: Contact) -> list[Contact]:
    """Who introduced whom, from the first person down to ``contact`` (you -> Alice -> Ken).

    Follows ``introduced_by`` to the root, three hops per query; a cycle (Ken introduced
    by Alice introduced by Ken) stops at the first person seen twice, and so does a
    link into another network (which the models refuse, but a read never trusts).
    """
    chain = [contact]
    seen = {contact.pk}
    current = contact
    while len(chain) < MAX_CHAIN and current.introduced_by_id is not None:
        if current.introduced_by_id in seen:
            break
        if not Contact.introduced_by.is_cached(current):
            current = Contact.objects.same_owner_as(contact).select_related(_HOPS).get(pk=current.pk)
        introducer = current.introduced_by
        if introducer is None or introducer.owner_id != contact.owner_id:
            break
        current = introducer
        seen.add(current.pk)
        chain.append(current)
    return list(reversed(chain))


@dataclass(frozen=True)
class Balance:
    gave: int
    received: int

    @property
    def leaning(self) -> str:
        if self.gave == self.received:
            return "even"
        return "you have given more" if self.gave > self.received else "you owe them"


def give_get_balance(contact: Contact) -> Balance:
    counts = (
        LedgerEntry.objects.same_owner_as(contact)
        .filter(contact=contact)
        .aggregate(
            gave=Count("id", filter=Q(direction=Direction.GAVE)),
            received=Count("id", filter=Q(direction=Direction.RECEIVED)),
        )
    )
    return Balance(gave=counts["gave"], received=counts["received"])
