"""The preview's parsed and matched plan, kept with the upload so the confirm step does not start again.

Parsing and matching 30,000 rows costs about as much as writing them; the preview
has done both already. ``pack`` turns the plan into compact bytes (zlib-compressed
JSON, no pickle: the blob is data, never code) stored on ``ImportUpload.plan``;
``unpack`` gives it back to ``run_import``. A plan is only reused while it still
describes the same thing:

- its format version is the current one (``VERSION``: bump it when the layout changes);
- it was made with the same requested format and column mapping (choosing other
  columns runs a new preview, which replaces the plan anyway);
- its new rows were made for the same COPY columns (``saving.PER_ROW``): they are
  stored ready to write, so a changed column list means matching again;
- the owner's network is unchanged since the preview: ``network_fingerprint`` is
  taken before the network is read for matching and compared inside the confirm
  transaction. Any write to a contact (a matched field or not), addition or removal
  of one means matching again.

The user's choices for matched rows (``Decisions``) are applied at confirm, on top
of the plan, so changing them never invalidates it.
"""

from __future__ import annotations

import json
import zlib
from datetime import date
from typing import Any

from django.db import connection

from contacts.models import Contact

from .matching import DUPLICATE, MATCH, NEW, Plan
from .parsers.records import ParseResult, Record, RowError
from .saving import PER_ROW, contact_row

VERSION = 2
KIND_CODES = {NEW: 0, MATCH: 1, DUPLICATE: 2}
NEW_CODE, DUPLICATE_CODE = KIND_CODES[NEW], KIND_CODES[DUPLICATE]


def network_fingerprint(owner) -> str | None:
    """A fingerprint of ``owner``'s contacts that changes whenever any of them is added, removed or written.

    One aggregate query over the owner's rows: their count, their highest id and a hash of
    each row version's ``xmin`` (the transaction that wrote it; every UPDATE makes a new
    one, even of an unchanged value). So any write to what matching reads
    (``LOADED_FIELDS``) changes it, and so does any other write to a contact (a logged
    interaction, a changed stage): confirm then matches again, slower but never wrong.
    Hashing the row versions instead of the rows' text takes a quarter of the time.
    SQLite (the make-run fallback) has no xmin or hashtext(): None, so a stored plan is
    never trusted there and confirm matches again, slower but correct.
    """
    if connection.vendor != "postgresql":
        return None
    table = connection.ops.quote_name(Contact._meta.db_table)
    with connection.cursor() as cursor:
        # Only the table's name from the model is interpolated; the owner is a parameter.
        columns = "count(*), coalesce(sum(hashtext(c.xmin::text)::bigint), 0), coalesce(max(c.id), 0)"
        sql = f"SELECT {columns} FROM {table} c WHERE c.owner_id = %s"  # noqa: S608
        cursor.execute(sql, [owner.pk])
        count, total, last = cursor.fetchone()
    return f"{count}:{total}:{last}"


def _value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def pack(parsed: ParseResult, plans: list[Plan], *, fingerprint: str, format: str, mapping: dict | None) -> bytes:
    """The plan as compact bytes: what confirm writes, ready to write.

    A new row is kept as its contact's COPY row (``saving.contact_row``), so confirm
    streams it into COPY without rebuilding anything. A match keeps its fills' new
    values, and its COPY row only when it has fills: a match that would change nothing
    is skipped unless the user chooses "Add as a new person" for it, and that rare
    choice matches the file again (see ``pipeline.run_import``). A repeat keeps only its number.
    """
    rows: list[list[Any]] = []
    for plan in plans:
        code = KIND_CODES[plan.kind]
        if plan.kind == DUPLICATE:
            rows.append([code, plan.record.number])
        elif plan.kind == NEW:
            rows.append([code, plan.record.number, contact_row(plan.record)])
        else:
            # Only the new value of a fill is needed to write it; the old one was for the preview page.
            changes = {name: _value(new) for name, (_, new) in plan.changes.items()}
            row = contact_row(plan.record) if changes else ""
            rows.append([code, plan.record.number, plan.contact_id, changes, row])
    document = {
        "version": VERSION,
        "fingerprint": fingerprint,
        "requested": [format, _mapping_key(mapping)],
        "columns": PER_ROW,
        "format": parsed.format,
        "encoding": parsed.encoding,
        "unit": parsed.unit,
        "notices": parsed.notices,
        "errors": [[e.number, e.message] for e in parsed.errors],
        "plans": rows,
    }
    return zlib.compress(json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def unpack(
    blob: bytes | memoryview | None, *, fingerprint: str | None, format: str, mapping: dict | None
) -> tuple[ParseResult, list[Plan]] | None:
    """The stored plan, or None when there is none or it no longer applies (then match again).

    Its plans carry their COPY rows (``Plan.row``) and only their records' numbers.
    """
    if not blob or fingerprint is None:
        return None
    try:
        document = json.loads(zlib.decompress(bytes(blob)))
    except (zlib.error, ValueError):
        return None
    if (
        document.get("version") != VERSION
        or document.get("fingerprint") != fingerprint
        or document.get("requested") != [format, _mapping_key(mapping)]
        or document.get("columns") != list(PER_ROW)
    ):
        return None
    plans: list[Plan] = []
    append = plans.append
    # Positional arguments, in the dataclasses' field order: keywords cost more than the rest
    # of this loop, which runs for every row of the file.
    for row in document["plans"]:
        code = row[0]
        if code == NEW_CODE:
            append(Plan(Record(row[1]), NEW, None, None, "", {}, {}, row[2]))
        elif code == DUPLICATE_CODE:
            append(Plan(Record(row[1]), DUPLICATE))
        elif row[3]:
            changes = {
                name: (None, date.fromisoformat(new) if name == "met_on" else new) for name, new in row[3].items()
            }
            append(Plan(Record(row[1]), MATCH, row[2], None, "", changes, {}, row[4]))
        else:  # a match that changes nothing: every row of a re-imported file
            append(Plan(Record(row[1]), MATCH, row[2]))
    parsed = ParseResult(
        format=document["format"],
        encoding=document["encoding"],
        records=[],
        errors=[RowError(number, message) for number, message in document["errors"]],
        unit=document["unit"],
        notices=document["notices"],
    )
    return parsed, plans


def _mapping_key(mapping: dict | None) -> list[list[Any]] | None:
    return None if mapping is None else sorted([int(k), v] for k, v in mapping.items())
