"""Matching records against the owner's network and against each other, in memory.

The rule (also in the README): a record is the same person as a contact when
1. they have the same LinkedIn profile URL; or else
2. they share an email address; or else
3. they have the same normalised name and the same normalised company (both may
   be blank),
and, for 2 and 3, no LinkedIn URL says otherwise: two records with different
LinkedIn URLs are two people, even with the same name at the same company.
Earlier rows of the same file count as part of the network, so a file that lists
someone twice creates them once.

A match only fills blank fields and adds new emails and phone numbers; a value
the user typed that differs from the file is listed as a conflict and kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any

from django.db import connection

from contacts.models import Contact, Source, normalise_name
from netweave.dates import formatted

from .parsers.records import Record, linkedin_key

SCALAR_FIELDS = ("given_name", "family_name", "company", "title", "location", "linkedin_url", "website", "notes")
LIST_FIELDS = ("emails", "phones")
scalar_values = attrgetter(*SCALAR_FIELDS)
name_parts = attrgetter("given_name", "family_name", "company")
COMPARED_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, "met_on", "source")
compared_values = attrgetter(*COMPARED_FIELDS)
LOADED_FIELDS = ("id", "preferred_name", *COMPARED_FIELDS, "name_key")
# Where a loaded row (a tuple of LOADED_FIELDS) holds what compare() reads and the match keys.
COMPARED = slice(LOADED_FIELDS.index(COMPARED_FIELDS[0]), LOADED_FIELDS.index(COMPARED_FIELDS[-1]) + 1)
COMPANY, LINKEDIN, EMAILS, NAME_KEY = (
    LOADED_FIELDS.index(n) for n in ("company", "linkedin_url", "emails", "name_key")
)
FIELD_LABELS = {
    "given_name": "First name",
    "family_name": "Last name",
    "company": "Company",
    "title": "Job title",
    "location": "Location",
    "linkedin_url": "LinkedIn",
    "website": "Website",
    "notes": "Notes",
    "emails": "Emails",
    "phones": "Phones",
    "met_on": "Met on",
    "source": "Where you met",
}

NEW = "new"
MATCH = "match"
DUPLICATE = "duplicate"  # an earlier row of the same file is the same person


@dataclass
class Plan:
    """What one record will do. ``changes`` are fills; ``conflicts`` are typed values that are kept."""

    record: Record
    kind: str
    contact_id: int | None = None
    duplicate_of: int | None = None
    reason: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    # From a stored plan: the contact's COPY row (saving.contact_row), while ``record`` holds only the number.
    row: str = ""


def _blank(value: Any) -> bool:
    return value in ("", None, [], Source.OTHER)


def _same(field_name: str, current: Any, incoming: Any) -> bool:
    if field_name == "linkedin_url":
        return linkedin_key(current) == linkedin_key(incoming)
    if isinstance(current, str) and isinstance(incoming, str):
        return " ".join(current.lower().split()) == " ".join(incoming.lower().split())
    return current == incoming


def compare(state: dict[str, Any], record: Record) -> tuple[dict, dict]:
    """Fills and conflicts of ``record`` against a contact's current ``state``."""
    changes: dict[str, tuple[Any, Any]] = {}
    conflicts: dict[str, tuple[Any, Any]] = {}
    for name, incoming in zip(SCALAR_FIELDS, scalar_values(record), strict=True):
        if not incoming:
            continue
        current = state.get(name) or ""
        if current == incoming:  # the common case on a re-import
            continue
        if not current:
            changes[name] = (current, incoming)
        elif not _same(name, current, incoming):
            conflicts[name] = (current, incoming)
    for name in LIST_FIELDS:
        incoming_list = getattr(record, name)
        if not incoming_list:
            continue
        current_list = list(state.get(name) or [])
        known = {v.lower() for v in current_list}
        added = [v for v in incoming_list if v.lower() not in known]
        if added:
            changes[name] = (current_list, current_list + added)
    if record.met_on and not state.get("met_on"):
        changes["met_on"] = (None, record.met_on)
    if record.source != Source.OTHER and _blank(state.get("source")):
        changes["source"] = (state.get("source") or Source.OTHER, record.source)
    return changes, conflicts


def apply(state: dict[str, Any], changes: dict[str, tuple[Any, Any]]) -> None:
    for name, (_, new) in changes.items():
        state[name] = new


def record_state(record: Record) -> dict[str, Any]:
    return {name: getattr(record, name) for name in (*SCALAR_FIELDS, *LIST_FIELDS, "met_on", "source")}


@lru_cache(maxsize=65536)
def company_key(company: str) -> str:
    # Companies repeat across a network (hundreds of people at one employer): normalise each once.
    return normalise_name(company)


def name_keys(given_name: str, family_name: str, company: str) -> tuple[str, str]:
    return normalise_name(given_name, family_name), company_key(company or "")


class NetworkIndex:
    """The owner's existing match keys, loaded in one query, plus the file's new rows as they are seen.

    Keys point at a contact id (positive) or at a new row of the file (its number, negated).
    """

    def __init__(self) -> None:
        self.by_linkedin: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, str], list[int]] = {}
        # by_name's keys without a LinkedIn URL when last looked at (pruned as they gain one), in the same order.
        self.without_linkedin: dict[tuple[str, str], list[int]] = {}
        self.linkedin_of: dict[int, str] = {}
        # The loaded contacts as rows of LOADED_FIELDS; a key's state (a dict compare() reads and
        # apply() fills) is made from its row only when a record differs from it.
        self.rows: dict[int, tuple[Any, ...]] = {}
        self.states: dict[int, dict[str, Any]] = {}

    @classmethod
    def build(cls, owner) -> NetworkIndex:
        """Load ``owner``'s network into a new index (not a queryset: no relation to ``for_owner``)."""
        index = cls()
        rows, add = index.rows, index.add
        for row in network_rows(owner):
            key = row[0]
            rows[key] = row
            # name_key is normalise_name(given, family), stored by Contact.prepare_for_save().
            names = (row[NAME_KEY], company_key(row[COMPANY]))
            url = row[LINKEDIN]
            add(key, linkedin_key(url) if url else "", row[EMAILS] or [], names)
        return index

    def unchanged(self, key: int, record: Record) -> bool:
        """True when ``record`` holds exactly what contact ``key`` held when loaded, and nothing
        filled it since: compare() would find nothing (the usual row of a re-imported file)."""
        row = self.rows.get(key)
        # A blank source is filled even from an equal one (compare's _blank), so it takes the long way.
        return (
            row is not None
            and key not in self.states
            and bool(record.source)
            and row[COMPARED] == compared_values(record)
        )

    def state(self, key: int, claimed: dict[int, Plan]) -> dict[str, Any]:
        """The state compare() reads for ``key``: a loaded contact's row, or for a new row of this
        file that a later row repeats, that first row's record (taken then)."""
        state = self.states.get(key)
        if state is None:
            row = self.rows.get(key)
            state = dict(zip(LOADED_FIELDS, row, strict=True)) if row is not None else record_state(claimed[key].record)
            self.states[key] = state
        return state

    def add(self, key: int, linkedin: str, emails: list[str], names: tuple[str, str]) -> None:
        if linkedin:
            self.by_linkedin.setdefault(linkedin, key)
            self.linkedin_of.setdefault(key, linkedin)
        for email in emails:
            self.by_email.setdefault(email.lower(), key)
        if names[0]:
            entries = self.by_name.setdefault(names, [])
            if key not in entries:
                entries.append(key)
                self.without_linkedin.setdefault(names, []).append(key)

    def find(self, record: Record, linkedin: str) -> tuple[int | None, str, tuple[str, str] | None]:
        """The key ``record`` matches and why, and its name keys if the name rule needed them (else None)."""
        if linkedin:
            key = self.by_linkedin.get(linkedin)
            if key is not None:
                return key, "same LinkedIn URL", None
        # A key is compatible unless both it and the record have LinkedIn URLs and they differ.
        linkedin_of = self.linkedin_of
        for email in record.emails:
            key = self.by_email.get(email)
            if key is not None and (not linkedin or linkedin_of.get(key, linkedin) == linkedin):
                return key, "same email", None
        # Normalised only here: a re-imported file matches nearly every row by URL or email.
        names = name_keys(record.given_name, record.family_name, record.company)
        if not names[0]:
            return None, "", names
        if not linkedin:
            entries = self.by_name.get(names)
            return (entries[0], "same name and company", names) if entries else (None, "", names)
        # A record with a LinkedIn URL that no key has (else it matched above) is compatible only
        # with keys that have none. A key never loses its URL, so one that has gained one is dropped
        # from this list for good: common names at one employer are not scanned again and again.
        candidates = self.without_linkedin.get(names, [])
        for position, key in enumerate(candidates):
            if key not in linkedin_of:
                del candidates[:position]
                return key, "same name and company", names
        candidates.clear()
        return None, "", names


def network_rows(owner) -> Iterator[tuple[Any, ...]]:
    """The owner's contacts as tuples of ``LOADED_FIELDS``, in id order, from one query.

    On Postgres the JSON lists come back as text arrays, which psycopg2 reads in C:
    decoding 60,000 JSON values through the ORM was half the cost of loading 30,000
    contacts. SQLite (the make-run fallback) keeps the ORM's values(): slower, same dicts.
    """
    contacts = Contact.objects.for_owner(owner).order_by("id")
    if connection.vendor != "postgresql":
        yield from contacts.values_list(*LOADED_FIELDS).iterator(chunk_size=5000)
        return
    # Most contacts have no phone and no email: an empty list skips the set-returning subquery,
    # which halves the query's time.
    lists = {
        name: f"CASE WHEN {name} = '[]'::jsonb OR jsonb_typeof({name}) <> 'array' THEN '{{}}'::text[] "
        f"ELSE ARRAY(SELECT jsonb_array_elements_text({name})) END"
        for name in LIST_FIELDS
    }
    columns = ", ".join(lists.get(name, connection.ops.quote_name(name)) for name in LOADED_FIELDS)
    table = connection.ops.quote_name(Contact._meta.db_table)
    with connection.cursor() as cursor:
        # Only column and table names from the model are interpolated; the owner is a parameter.
        cursor.execute(f"SELECT {columns} FROM {table} WHERE owner_id = %s ORDER BY id", [owner.pk])  # noqa: S608
        yield from cursor.fetchall()


def plan_records(records: list[Record], index: NetworkIndex) -> list[Plan]:
    """Decide, for every record in file order, whether it is new, a match, or a repeat of an earlier row."""
    plans: list[Plan] = []
    claimed: dict[int, Plan] = {}  # contact id or -row number -> the first plan that reached it
    # Bound once: this loop runs for every row of the file.
    find, add, unchanged, state_of, append = index.find, index.add, index.unchanged, index.state, plans.append
    for record in records:
        linkedin = linkedin_key(record.linkedin_url)
        key, reason, names = find(record, linkedin)
        if key is None:
            plan = Plan(record, NEW)
            new_key = -record.number
            add(new_key, linkedin, record.emails, names or name_keys(*name_parts(record)))
            claimed[new_key] = plan
            append(plan)
            continue
        # A record equal to its contact as loaded (most of a re-imported file) skips compare().
        state = None if unchanged(key, record) else state_of(key, claimed)
        changes, conflicts = compare(state, record) if state is not None else ({}, {})
        first = claimed.get(key)
        if first is None:
            plan = Plan(record=record, kind=MATCH, contact_id=key, reason=reason, changes=changes, conflicts=conflicts)
            claimed[key] = plan
        else:
            plan = Plan(record=record, kind=DUPLICATE, duplicate_of=first.record.number, reason=reason)
            # The earlier row carries what this one adds, so choosing it applies both.
            if first.kind == NEW:
                for name, (_, new) in changes.items():
                    setattr(first.record, name, new)
            else:
                first.changes.update(
                    {n: (first.changes.get(n, (old, new))[0], new) for n, (old, new) in changes.items()}
                )
        if state is not None and changes:
            apply(state, changes)
            add(key, linkedin, record.emails, names or name_keys(*name_parts(record)))
        append(plan)
    return plans


def display_value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, date):
        return formatted(value, "date")
    if value in Source.values:
        return Source(value).label
    return str(value or "")
