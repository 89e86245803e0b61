"""Writing a whole account into one zip file on disk, a chunk of rows at a time.

The layout (see README "Backup"):

    netweave.json                one document with every row, ids as in this account
    contacts.vcf                 every contact as vCard 3.0 (the contacts export)
    meetings.ics                 every meeting with a time (the calendar export)
    spreadsheets/people.csv      the contacts export, as the contact list downloads it
    spreadsheets/<table>.csv     one file per table of netweave.json, formulas neutralised
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from accounts.models import User
from contacts.export import csv_rows, neutralise, vcards
from contacts.models import Contact
from meetings.calendar import meetings_calendar
from meetings.models import Meeting

from .registry import FORMAT, PREFERENCES, TABLES, VERSION, Table, columns, plain_many_to_many

CHUNK = 1000


class BackupEncoder(DjangoJSONEncoder):
    """Django's encoder, but keeping microseconds (it cuts times to milliseconds)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


Progress = Callable[[int], None]


def _entry(name: str, now: datetime) -> zipfile.ZipInfo:
    """A zip entry stamped with the backup's time (entries written as streams default to 1980)."""
    entry = zipfile.ZipInfo(name, date_time=now.timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    return entry


def count_rows(user: User) -> int:
    return sum(table.model.objects.for_owner(user).count() for table in TABLES)


def rows(table: Table, user: User) -> Iterator[models.Model]:
    lookups = [f.name for f in plain_many_to_many(table.model)] + [nested.key for nested in table.nested]
    queryset = table.model.objects.for_owner(user).order_by("pk").prefetch_related(*lookups)
    return queryset.iterator(chunk_size=CHUNK)


def serialise(row: models.Model, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    data = {f.attname: getattr(row, f.attname) for f in columns(type(row), skip=skip)}
    for field in plain_many_to_many(type(row)):
        data[field.name] = sorted(related.pk for related in getattr(row, field.name).all())
    return data


def serialise_table_row(row: models.Model, table: Table) -> dict[str, Any]:
    data = serialise(row, skip=table.derived)
    for nested in table.nested:
        data[nested.key] = [
            serialise(child, skip=("id", nested.parent_field)) for child in getattr(row, nested.key).all()
        ]
    return data


def _csv_cell(value: object) -> str:
    if isinstance(value, list):
        value = "; ".join(str(item) for item in value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    return neutralise(value)


def write_backup(user: User, path: Path, *, now: datetime, on_progress: Progress | None = None) -> dict[str, int]:
    """Write ``user``'s whole account to the zip file ``path``; returns the row count per table.

    Memory stays bounded: rows are read in chunks and written straight into the zip
    (the per-table CSVs go through temporary files first, as a zip takes one entry at a time).
    The file appears under ``path`` only once complete.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    counts: dict[str, int] = {}
    done = 0
    with (
        tempfile.TemporaryDirectory(dir=path.parent) as scratch,
        zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        with archive.open(_entry("netweave.json", now), "w", force_zip64=True) as raw:
            out = io.TextIOWrapper(raw, encoding="utf-8")
            head = {
                "format": FORMAT,
                "version": VERSION,
                "exported_at": now.isoformat(),
                "username": user.get_username(),
                "preferences": {name: getattr(user, name) for name in PREFERENCES},
            }
            out.write(json.dumps(head, cls=BackupEncoder, indent=1)[:-2] + ",\n")
            for position, table in enumerate(TABLES):
                out.write(f' "{table.key}": [')
                counts[table.key] = 0
                with open(Path(scratch) / f"{table.key}.csv", "w", newline="", encoding="utf-8-sig") as sheet:
                    writer = csv.writer(sheet)
                    header: list[str] | None = None
                    for row in rows(table, user):
                        data = serialise_table_row(row, table)
                        out.write(("\n  " if counts[table.key] == 0 else ",\n  ") + json.dumps(data, cls=BackupEncoder))
                        if header is None:
                            header = [key for key in data if not isinstance(data[key], list) or key in _m2m(table)]
                            writer.writerow(header)
                        writer.writerow([_csv_cell(data[key]) for key in header])
                        counts[table.key] += 1
                        done += 1
                        if on_progress and done % CHUNK == 0:
                            on_progress(done)
                    if header is None:
                        writer.writerow([f.attname for f in columns(table.model, skip=table.derived)])
                out.write("\n ]" + (",\n" if position < len(TABLES) - 1 else "\n}\n"))
            out.flush()
            out.detach()
        for table in TABLES:
            archive.write(Path(scratch) / f"{table.key}.csv", f"spreadsheets/{table.key}.csv")
        contacts = Contact.objects.for_owner(user).select_related("introduced_by").prefetch_related("tags")
        with archive.open(_entry("spreadsheets/people.csv", now), "w", force_zip64=True) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            text.writelines(csv_rows(contacts.iterator(chunk_size=CHUNK), zone=ZoneInfo(user.time_zone)))
            text.flush()
            text.detach()
        with archive.open(_entry("contacts.vcf", now), "w", force_zip64=True) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            text.writelines(vcards(Contact.objects.for_owner(user).prefetch_related("tags").iterator(chunk_size=CHUNK)))
            text.flush()
            text.detach()
        meetings = Meeting.objects.for_owner(user).filter(starts_at__isnull=False).select_related("contact")
        archive.writestr(
            _entry("meetings.ics", now),
            meetings_calendar(meetings.iterator(chunk_size=CHUNK), user=user, name="netweave meetings", stamp=now),
        )
    os.replace(partial, path)
    if on_progress:
        on_progress(done)
    return counts


def _m2m(table: Table) -> set[str]:
    return {f.name for f in plain_many_to_many(table.model)}
