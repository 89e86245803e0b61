"""Likely duplicates in one network: the same email, LinkedIn profile, or name at the same company."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db import connection

from .models import Contact

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
"""


@dataclass
class DuplicateGroup:
    contacts: list[Contact]
    reasons: list[str] = field(default_factory=list)

    @property
    def survivor(self) -> Contact:
        """The suggested record to keep: the oldest, which imports and links most likely point at."""
        return self.contacts[0]


def likely_duplicates(owner, *, limit: int = 50) -> tuple[list[DuplicateGroup], int]:
    """Up to ``limit`` groups of likely duplicates, and how many groups there are in all. Two queries."""
    # DUPLICATES_SQL uses Postgres arrays; SQLite (the make-run fallback) groups in Python.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(DUPLICATES_SQL, {"owner": owner.pk})
            found = cursor.fetchall()
    else:
        found = _duplicate_keys_in_python(owner)
    # The same people can match on several rules; show them once, with every reason.
    groups: dict[tuple[int, ...], list[str]] = {}
    for reason, _key, ids in found:
        groups.setdefault(tuple(sorted(ids)), []).append(REASONS[reason])
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    total = len(ordered)
    shown = ordered[:limit]
    wanted = {pk for ids, _ in shown for pk in ids}
    people = Contact.objects.for_owner(owner).filter(pk__in=wanted).with_history_counts().in_bulk()
    result = [
        DuplicateGroup(contacts=[people[pk] for pk in ids if pk in people], reasons=reasons) for ids, reasons in shown
    ]
    return [group for group in result if len(group.contacts) > 1], total


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
    return [(reason, key, sorted(ids)) for (reason, key), ids in by_key.items() if len(ids) > 1]
