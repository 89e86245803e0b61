"""Writing new contacts fast: Postgres COPY, with the derived columns from ``Contact.prepare_for_save``.

Building 30,000 model instances and letting ``bulk_create`` prepare every value
costs several seconds; streaming rows into COPY costs a fraction of that. The
preview builds each new contact's row once (``contact_row``) and keeps it in its
stored plan, so confirm hands ready rows to COPY. Every
column the importer does not set takes the model's default, read once from a
blank ``Contact()``, so a new column on Contact needs no change here.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from operator import attrgetter
from typing import Any, cast

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

from contacts.models import Contact, normalise_emails, normalise_name, search_text_of

from .parsers.records import Record

SET_BY_IMPORT = (
    "given_name",
    "family_name",
    "emails",
    "phones",
    "company",
    "title",
    "location",
    "linkedin_url",
    "website",
    "notes",
    "met_on",
    "source",
)
DERIVED = ("search_text", "name_key")
# The columns of a contact_row(), in order: the one that may be NULL last.
PER_ROW = (*(name for name in SET_BY_IMPORT if name != "met_on"), *DERIVED, "met_on")
COPY_BATCH = 5000


def _escape(value: Any) -> str:
    """One value in COPY's text format."""
    if value.__class__ is str:  # nearly every value: the common case first
        text = value
    elif value is None:
        return "\\N"
    elif isinstance(value, bool):
        return "t" if value else "f"
    elif isinstance(value, (list, dict)):
        text = json.dumps(value, ensure_ascii=False)
    elif isinstance(value, (date, datetime)):
        text = value.isoformat()
    else:
        text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


# The text fields contact_row reads twice (in the row and in search_text), in one call.
row_texts = attrgetter("given_name", "family_name", "company", "title", "location", "notes")


def contact_row(record: Record) -> str:
    """The record's per-row COPY columns (``PER_ROW``), tab-separated, in COPY's text format.

    The derived columns come from the same functions as the model's ``prepare_for_save``
    (``normalise_emails``, ``normalise_name``, ``search_text_of``), called directly: this
    runs for every new row of a file. The preview computes these rows once and keeps them
    in its stored plan, so confirm only streams them into COPY.
    """
    given_name, family_name, company, title, location, notes = row_texts(record)
    emails = normalise_emails(record.emails) if record.emails else record.emails
    texts = (
        given_name,
        family_name,
        json.dumps(emails, ensure_ascii=False) if emails else "[]",
        json.dumps(record.phones, ensure_ascii=False) if record.phones else "[]",
        company,
        title,
        location,
        record.linkedin_url,
        record.website,
        notes,
        str(record.source),
        search_text_of(given_name, family_name, "", company, title, location, emails, notes),
        normalise_name(given_name, family_name)[:300],
    )
    line = "\t".join(texts)
    # One scan of the joined row instead of four per value: only a row holding a
    # backslash, tab or line break needs escaping value by value.
    if "\\" in line or "\n" in line or "\r" in line or line.count("\t") != len(texts) - 1:
        line = "\t".join(map(_escape, texts))
    met_on = record.met_on
    return f"{line}\t{met_on.isoformat()}" if met_on is not None else f"{line}\t\\N"


def create_contacts(owner, records: Iterable[Record], *, run_id: int, rows: Iterable[str] = ()) -> int:
    """Insert a contact per record and per ready-made ``contact_row`` (from a stored plan), owned by
    ``owner`` and tagged with the import run. Returns the count."""
    records = list(records)
    rows = list(rows)
    if not records and not rows:
        return 0
    # SQLite (the make-run fallback) has no COPY: plain bulk_create, slower but the same rows.
    if connection.vendor != "postgresql":
        if rows:  # rows come from stored plans, which are only kept on Postgres
            raise ValueError("ready-made COPY rows need Postgres")
        return _bulk_create(owner, records, run_id=run_id)
    now = timezone.now()
    blank = Contact()
    fields = [f for f in Contact._meta.concrete_fields if not f.primary_key]
    constants: dict[str, str] = {}
    for field in fields:
        if field.name in PER_ROW:
            continue
        if field.attname == "owner_id":
            value: Any = owner.pk
        elif field.attname == "import_run_id":
            value = run_id
        elif field.name in ("created_at", "updated_at"):
            value = now
        else:
            value = getattr(blank, field.attname)
        # Every concrete field has a column; django-stubs types Field.column as optional.
        constants[cast(str, field.column)] = _escape(value)
    # The per-row columns come first and the constant ones after them, pre-joined into one
    # suffix, so each row costs only the values the file supplies.
    columns = [cast(str, cast(models.Field, Contact._meta.get_field(name)).column) for name in PER_ROW] + list(
        constants
    )
    suffix = "".join(f"\t{value}" for value in constants.values()) + "\n"
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    sql = f"COPY {connection.ops.quote_name(Contact._meta.db_table)} ({quoted}) FROM STDIN"
    lines = rows + [contact_row(record) for record in records]
    with connection.cursor() as cursor:
        if len(lines) > settings.NETWEAVE_IMPORT_ANALYZE_ROWS:
            # The trigram index on search_text is the slowest part of a big insert. A larger
            # GIN pending list (this transaction only) lets Postgres merge the new entries in
            # one pass right after the commit (pipeline.analyze_after_big_write, which does so
            # for the same imports) instead of many small merges now.
            cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
        for start in range(0, len(lines), COPY_BATCH):
            buffer = io.StringIO(suffix.join(lines[start : start + COPY_BATCH]) + suffix)
            cursor.copy_expert(sql, buffer)
    return len(lines)


def _bulk_create(owner, records: list[Record], *, run_id: int) -> int:
    contacts = []
    for record in records:
        contact = Contact(owner=owner, import_run_id=run_id, **{n: getattr(record, n) for n in SET_BY_IMPORT})
        contact.prepare_for_save()
        contacts.append(contact)
    Contact.objects.bulk_create(contacts, batch_size=2000)
    return len(contacts)
