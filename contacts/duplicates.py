"""Likely duplicates in one network: the same email, LinkedIn profile, or name at the same company."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection

from .models import Contact, NotDuplicate
from .pointers import contact_pointers

REASONS = {
    "email": "Same email",
    "linkedin": "Same LinkedIn profile",
    "name": "Same name and company",
}

# One grouping pass per rule, all in one statement. LinkedIn URLs are compared
# without scheme, "www." (or a country prefix) and trailing slash; names by their normalised key.
DUPLICATES_SQL = """
    SELECT 'email' AS reason, lower(e.address) AS key, array_agg(DISTINCT c.id) AS ids
    FROM contacts_contact c CROSS JOIN LATERAL jsonb_array_elements_text(c.emails) AS e(address)
    WHERE c.owner_id = %(owner)s
    GROUP BY lower(e.address) HAVING count(DISTINCT c.id) > 1
  UNION ALL
    SELECT 'linkedin', key, array_agg(id) FROM (
        SELECT id, rtrim(regexp_replace(lower(linkedin_url), '^https?://([a-z]{2,3}\\.)?', ''), '/') AS key
        FROM contacts_contact WHERE owner_id = %(owner)s AND linkedin_url <> ''
    ) AS profiles
    GROUP BY key HAVING count(*) > 1
  UNION ALL
    SELECT 'name', name_key || ' at ' || lower(company), array_agg(id)
    FROM contacts_contact WHERE owner_id = %(owner)s AND name_key <> ''
    GROUP BY name_key, lower(company) HAVING count(*) > 1
  UNION ALL
    SELECT 'dismissed', '', ARRAY[first_id, second_id]
    FROM contacts_notduplicate WHERE owner_id = %(owner)s
"""


def history_size(contact: Contact) -> int:
    """How much history hangs off a contact annotated by ``with_history_counts()``."""
    return sum(
        getattr(contact, f"{pointer.accessor}_count", 0) for pointer in contact_pointers() if not pointer.is_link_table
    )


def history_summary(contact: Contact) -> list[str]:
    """The non-zero history counts of a contact annotated by ``with_history_counts()``, each
    with its word ("2 touches", "1 give/get"), for a page to join; empty when it has none."""

    def count(accessor: str) -> int:
        return getattr(contact, f"{accessor}_count", 0) or 0

    counts = [
        (count("interactions"), "touch", "touches"),
        (count("ledger_entries"), "give/get", "give/get"),
        (count("meetings"), "meeting", "meetings"),
        (count("followups"), "follow-up", "follow-ups"),
        (count("links_out") + count("links_in"), "link", "links"),
    ]
    return [f"{number} {one if number == 1 else many}" for number, one, many in counts if number]


def suggested_order(contacts: list[Contact]) -> list[Contact]:
    """The record to keep first: the one with more history (touches, ledger, meetings,
    follow-ups, links, people introduced), then the older one."""
    return sorted(contacts, key=lambda c: (-history_size(c), c.created_at, c.pk))


@dataclass
class DuplicateGroup:
    contacts: list[Contact]
    reasons: list[str] = field(default_factory=list)

    @property
    def survivor(self) -> Contact:
        """The suggested record to keep (``suggested_order()`` put it first)."""
        return self.contacts[0]


def likely_duplicates(owner, *, limit: int = 50) -> tuple[list[DuplicateGroup], int]:
    """Up to ``limit`` groups of likely duplicates, and how many groups there are in all. Two queries.

    A pair the user marked "not the same person" is never suggested again: a group
    whose every pair was told apart is dropped, and from a larger group each member
    told apart from the suggested record leaves.
    """
    # DUPLICATES_SQL uses Postgres arrays; SQLite (the make-run fallback) groups in Python.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(DUPLICATES_SQL, {"owner": owner.pk})
            found = cursor.fetchall()
    else:
        found = _duplicate_keys_in_python(owner)
    dismissed = {tuple(sorted(ids)) for reason, _key, ids in found if reason == "dismissed"}
    # The same people can match on several rules; show them once, with every reason.
    groups: dict[tuple[int, ...], list[str]] = {}
    for reason, _key, ids in found:
        if reason != "dismissed":
            groups.setdefault(tuple(sorted(ids)), []).append(REASONS[reason])
    ordered = sorted(
        ((ids, reasons) for ids, reasons in groups.items() if not _all_told_apart(ids, dismissed)),
        key=lambda item: (-len(item[1]), item[0]),
    )
    total = len(ordered)
    shown = ordered[:limit]
    wanted = {pk for ids, _ in shown for pk in ids}
    people = Contact.objects.for_owner(owner).filter(pk__in=wanted).with_history_counts().in_bulk()
    result = []
    for ids, reasons in shown:
        members = suggested_order([people[pk] for pk in ids if pk in people])
        if members:
            keep = members[0]
            members = [keep] + [c for c in members[1:] if tuple(sorted((keep.pk, c.pk))) not in dismissed]
        if len(members) > 1:
            result.append(DuplicateGroup(contacts=members, reasons=reasons))
    return result, total


def _all_told_apart(ids: tuple[int, ...], dismissed: set[tuple[int, ...]]) -> bool:
    return all((a, b) in dismissed for i, a in enumerate(ids) for b in ids[i + 1 :])


def dismissed_pairs(owner, *, limit: int = 50):
    """The pairs the user told apart, newest first, for the "show dismissed" list. One query."""
    return NotDuplicate.objects.for_owner(owner).select_related("first", "second")[:limit]


def _duplicate_keys_in_python(owner) -> list[tuple[str, str, list[int]]]:
    """DUPLICATES_SQL's grouping done in Python, for SQLite (the make-run fallback)."""
    by_key: dict[tuple[str, str], set[int]] = {}
    rows = Contact.objects.for_owner(owner).values_list("pk", "emails", "linkedin_url", "name_key", "company")
    for pk, emails, linkedin_url, name_key, company in rows:
        for address in emails or []:
            by_key.setdefault(("email", address.lower()), set()).add(pk)
        if linkedin_url:
            profile = re.sub(r"^https?://([a-z]{2,3}\.)?", "", linkedin_url.lower()).rstrip("/")
            by_key.setdefault(("linkedin", profile), set()).add(pk)
        if name_key:
            by_key.setdefault(("name", f"{name_key} at {company.lower()}"), set()).add(pk)
    found = [(reason, key, sorted(ids)) for (reason, key), ids in by_key.items() if len(ids) > 1]
    pairs = NotDuplicate.objects.for_owner(owner).values_list("first_id", "second_id")
    return found + [("dismissed", "", [first, second]) for first, second in pairs]
