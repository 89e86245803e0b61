"""CSV files: finding the header (past LinkedIn's ``Notes:`` preamble), the delimiter, and the columns.

LinkedIn, Google and Outlook exports and any other CSV go through the same reader;
each known format only contributes how its header names map to contact fields.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.conf import settings

from contacts.models import Source

from .records import (
    EMAIL_RE,
    ImportFileError,
    ParseResult,
    Record,
    RowError,
    clean,
    clean_multiline,
    finish,
    linkedin_key,
    split_emails,
    split_values,
    web_url,
)

# The contact fields a column can feed, in the order the mapping form lists them.
FIELDS: dict[str, str] = {
    "given_name": "First name",
    "family_name": "Last name",
    "full_name": "Full name (split into first and last)",
    "email": "Email",
    "phone": "Phone",
    "company": "Company",
    "title": "Job title",
    "location": "Location",
    "linkedin_url": "LinkedIn URL",
    "website": "Website",
    "notes": "Notes",
    "met_on": "Met on (date)",
}

DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
MAX_HEADER_SEARCH = 30


def header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


# Guesses for any CSV, tried in order: the first pattern that matches the whole key wins.
ALIASES: list[tuple[str, str]] = [
    (r"(first|given|fore) ?name|first|firstname|prenom|vorname", "given_name"),
    (r"(last|family|sur) ?name|last|surname|lastname|nachname", "family_name"),
    (r"(full |display |contact )?name|contact|person", "full_name"),
    (r"(work |home |personal |primary |other )?e ?mail( \d+)?( address| value)?|e ?mail \d+ address|mail", "email"),
    (
        r"(work |home |business |mobile |cell |primary |other )?(phone|telephone|tel|mobile|cell)"
        r"( \d+)?( number| value| phone)?|mobile phone|business phone( 2)?|home phone( 2)?",
        "phone",
    ),
    (r"company( name)?|organi[sz]ation( 1)?( name)?|org|employer|firm|business", "company"),
    (r"(job )?title|position|role|occupation|organi[sz]ation( 1)? title|job", "title"),
    (r"location|city|town|business city|home city|region|country", "location"),
    (r"linkedin( url| profile| profile url)?|profile( url| link)?", "linkedin_url"),
    (r"web ?site( 1 value)?|web page|homepage|url|personal web page", "website"),
    (r"notes?|comments?|description|remarks", "notes"),
    (r"connected on|met on|date met|met|date added", "met_on"),
]
_ALIAS_PATTERNS = [(re.compile(rf"^(?:{pattern})$"), target) for pattern, target in ALIASES]


def guess_mapping(header: list[str]) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        key = header_key(name)
        for pattern, target in _ALIAS_PATTERNS:
            if pattern.match(key):
                mapping[index] = target
                break
    return mapping


def linkedin_mapping(header: list[str]) -> dict[int, str]:
    names = {
        "first name": "given_name",
        "last name": "family_name",
        "url": "linkedin_url",
        "email address": "email",
        "company": "company",
        "position": "title",
        "connected on": "met_on",
    }
    return {i: names[header_key(h)] for i, h in enumerate(header) if header_key(h) in names}


def google_mapping(header: list[str]) -> dict[int, str]:
    names = {
        "first name": "given_name",
        "given name": "given_name",
        "last name": "family_name",
        "family name": "family_name",
        "organization name": "company",
        "organization 1 name": "company",
        "organization title": "title",
        "organization 1 title": "title",
        "notes": "notes",
        "location": "location",
        "address 1 city": "location",
    }
    mapping: dict[int, str] = {}
    for index, name in enumerate(header):
        key = header_key(name)
        if key in names:
            mapping[index] = names[key]
        elif re.match(r"^e mail \d+ value$", key):
            mapping[index] = "email"
        elif re.match(r"^phone \d+ value$", key):
            mapping[index] = "phone"
        elif re.match(r"^website \d+ value$", key):
            mapping[index] = "website"
    return mapping


def outlook_mapping(header: list[str]) -> dict[int, str]:
    names = {
        "first name": "given_name",
        "last name": "family_name",
        "e mail address": "email",
        "e mail 2 address": "email",
        "e mail 3 address": "email",
        "mobile phone": "phone",
        "business phone": "phone",
        "home phone": "phone",
        "primary phone": "phone",
        "company": "company",
        "job title": "title",
        "business city": "location",
        "home city": "location",
        "web page": "website",
        "personal web page": "website",
        "notes": "notes",
    }
    return {i: names[header_key(h)] for i, h in enumerate(header) if header_key(h) in names}


def detect_csv_format(header: list[str]) -> str:
    keys = {header_key(h) for h in header}
    if {"first name", "last name", "url", "connected on"} <= keys:
        return "linkedin"
    if any(re.match(r"^e mail \d+ (value|type|label)$", k) for k in keys) or keys & {
        "organization 1 name",
        "organization name",
        "given name",
    }:
        return "google"
    if "e mail address" in keys and keys & {"job title", "company", "business phone"}:
        return "outlook"
    return "csv"


MAPPINGS: dict[str, Callable[[list[str]], dict[int, str]]] = {
    "linkedin": linkedin_mapping,
    "google": google_mapping,
    "outlook": outlook_mapping,
    "csv": guess_mapping,
}

MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}


@lru_cache(maxsize=4096)  # a network's connection dates repeat: each is parsed once
def parse_date(value: str) -> date | None:
    """``05 Mar 2024`` (LinkedIn), ``2024-03-05`` or ``Mar 5, 2024``; anything else is left out."""
    value = clean(value).replace(",", " ")
    parts = value.split()
    try:
        if len(parts) == 3 and parts[1][:3].lower() in MONTHS:
            return date(int(parts[2]), MONTHS[parts[1][:3].lower()], int(parts[0]))
        if len(parts) == 3 and parts[0][:3].lower() in MONTHS:
            return date(int(parts[2]), MONTHS[parts[0][:3].lower()], int(parts[1]))
        if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
            return date(int(value[:4]), int(value[5:7]), int(value[8:10]))
    except ValueError:
        return None
    return None


@dataclass
class Table:
    header: list[str]
    header_line: int
    delimiter: str
    rows: list[tuple[int, list[str]]]  # (row number, counting records from the file's first, cells)


def _rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    # Numbered by record, as a spreadsheet numbers its rows: a quoted value over
    # several lines is still one row, so "row 5" is the fifth row the user sees.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start += 1
    except csv.Error as error:
        if "field limit" in str(error):  # csv's own cap on one value, 128 KB
            raise ImportFileError(
                f"Row {start} has a value longer than {csv.field_size_limit() // 1024} KB, the limit for one value "
                "(often a quote that is never closed). Check the quotes on that line."
            ) from None
        raise ImportFileError(f"Row {start} cannot be read as CSV ({error}). Check the quotes on that line.") from None


def _header_score(cells: list[str]) -> int:
    return len(guess_mapping(cells)) + (2 * len(linkedin_mapping(cells)) if len(linkedin_mapping(cells)) >= 4 else 0)


def read_table(text: str) -> Table:
    """Find the delimiter and the header row, then read every row after it."""
    head = "\n".join(_first_lines(text, MAX_HEADER_SEARCH * 3))
    max_columns = settings.NETWEAVE_IMPORT_MAX_COLUMNS
    widest = 0  # the most columns of a row too wide to be the header
    best: tuple[int, int, str, int] | None = None  # (score, columns, delimiter, header line)
    for delimiter in DELIMITERS:
        try:
            sample = [(line, cells) for line, cells in _rows(head, delimiter) if any(c.strip() for c in cells)]
        except ImportFileError:
            continue
        # Rows over the limit are never scored: matching 200,000 names would take minutes.
        widest = max([widest, *(len(cells) for _, cells in sample if len(cells) > max_columns)])
        sample = [(line, cells) for line, cells in sample if len(cells) <= max_columns]
        for line, cells in sample[:MAX_HEADER_SEARCH]:
            score = _header_score(cells) if len(cells) > 1 else 0
            if score >= 2 and (best is None or (score, len(cells)) > best[:2]):
                best = (score, len(cells), delimiter, line)
                break
    if best is None:
        best = _plain_header(head, max_columns)
    if best is None and widest:
        raise ImportFileError(
            f"The file has {widest:,} columns; the limit is {max_columns:,} columns. "
            "Remove the columns you do not need (or save only the contact columns) and upload it again."
        )
    if best is None:
        raise _no_header_error(text)
    _, _, delimiter, header_line = best
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for line, cells in _rows(text, delimiter):
        if line < header_line:
            continue
        if line == header_line:
            header = [clean(c).lstrip("\ufeff") for c in cells]
            continue
        if "".join(cells).strip():  # not a blank line (as any(c.strip() for c in cells), in one call)
            rows.append((line, cells))
    return Table(header=header, header_line=header_line, delimiter=delimiter, rows=rows)


def _first_lines(text: str, count: int) -> list[str]:
    """``text.splitlines()[:count]`` without splitting the rest of a 30,000-line file."""
    size = 64 * 1024
    while True:
        lines = text[:size].splitlines()
        # One more line than asked for: the last line of a cut prefix may be cut too.
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


def _looks_like_data(cell: str) -> bool:
    cell = cell.strip()
    return bool(EMAIL_RE.match(cell) or "://" in cell or "www." in cell or re.search(r"\d{3}", cell))


def _plain_header(head: str, max_columns: int) -> tuple[int, int, str, int] | None:
    """A header of names we do not know: the first row, if it has columns and no data in it."""
    widest: tuple[int, int, str, int] | None = None
    for delimiter in DELIMITERS:
        try:
            line, cells = next((row for row in _rows(head, delimiter) if any(c.strip() for c in row[1])), (0, []))
        except ImportFileError:
            continue
        if 1 < len(cells) <= max_columns and (widest is None or len(cells) > widest[1]):
            widest = (0, len(cells), delimiter, line)
    if widest is None:
        return None
    first = next(row for row in _rows(head, widest[2]) if any(c.strip() for c in row[1]))[1]
    if any(_looks_like_data(cell) for cell in first) or len({c.strip().lower() for c in first}) < len(first):
        return None
    return widest


def _no_header_error(text: str) -> ImportFileError:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not any(d in first for d in DELIMITERS):
        return ImportFileError(
            "No columns were found: the file has one value per line. Save it from your spreadsheet as "
            "CSV (comma-separated values), or export your contacts as vCard (.vcf)."
        )
    cells = re.split(r"[,;\t|]", first)
    if any(EMAIL_RE.match(c.strip().strip('"')) or "://" in c for c in cells):
        return ImportFileError(
            "Row 1 holds contact data, not column names: the file has no header row. "
            "Add a first row naming the columns (for example: First Name, Last Name, Email, Company) "
            "and upload it again."
        )
    return ImportFileError(
        "None of the column names in the first rows is one we know (like First Name, Email or Company). "
        "Add a header row naming the columns and upload it again."
    )


def build_records(
    table: Table, mapping: dict[int, str], *, format: str, encoding: str, notices: list[str] | None = None
) -> ParseResult:
    """Turn table rows into records with ``mapping`` (column index -> field)."""
    records: list[Record] = []
    errors: list[RowError] = []
    warnings: list[RowError] = []
    width = len(table.header)
    is_linkedin = format == "linkedin"
    # Every row read here has ``width`` cells: a column past the header never has a value.
    columns = [(index, target) for index, target in sorted(mapping.items()) if index < width]
    # The column a date is read from, to name it when its value is not a date ("Connected On").
    date_column = next((clean(table.header[index]) for index, target in columns if target == "met_on"), "")
    for line, cells in table.rows:
        if len(cells) != width:
            errors.append(
                RowError(
                    line,
                    f"has {len(cells)} cells but the header has {width}"
                    + (" (a comma inside an unquoted value?)" if len(cells) > width else " (cut short?)"),
                )
            )
            continue
        values: dict[str, list[str]] = {}
        for index, target in columns:
            cell = cells[index]
            if cell:
                if target in values:
                    values[target].append(cell)
                else:
                    values[target] = [cell]
        record = _record(line, values, linkedin=is_linkedin)
        if record.is_blank():
            errors.append(RowError(line, "has no name, email address or LinkedIn URL"))
            continue
        if record.met_on is None and "met_on" in values:
            warnings.append(RowError(line, unreadable_date(date_column, values["met_on"][0])))
        records.append(finish(record))
    result_notices = list(notices or [])
    if table.delimiter != ",":
        result_notices.append(f"Columns are separated by {DELIMITERS[table.delimiter]}, not commas; read accordingly.")
    return ParseResult(
        format=format, encoding=encoding, records=records, errors=errors, notices=result_notices, warnings=warnings
    )


def unreadable_date(column: str, value: str) -> str:
    """The preview's words for a date left out: 'was kept without Connected On ("not a date" is not a date)'."""
    shown = clean(value)
    if len(shown) > 40:
        shown = f"{shown[:40]}…"
    return f'was kept without {column or "the date"} ("{shown}" is not a date; write it like 2024-03-05)'


def _first(values: dict[str, list[str]], key: str) -> str:
    # clean(), inlined: this runs for several cells of every row. Cells are str already.
    return " ".join(values[key][0].replace("\x00", "").split()) if key in values else ""


def _first_of_list(values: dict[str, list[str]], key: str) -> str:
    # The first of a ``:::`` list (Google's multi-value cells), cleaned as _first does.
    return " ".join(values[key][0].split(":::")[0].replace("\x00", "").split()) if key in values else ""


def _record(line: int, values: dict[str, list[str]], *, linkedin: bool) -> Record:
    given_name = _first(values, "given_name")
    family_name = _first(values, "family_name")
    if not (given_name or family_name) and "full_name" in values:
        full = _first(values, "full_name")
        given_name, _, family_name = full.rpartition(" ") if " " in full else (full, "", "")
    linkedin_profile = website = ""
    if "linkedin_url" in values or "website" in values:
        for url in [*values.get("linkedin_url", ()), *values.get("website", ())]:
            for part in url.split(":::"):
                key = linkedin_key(part)
                if key:
                    linkedin_profile = linkedin_profile or f"https://www.{key}"  # linkedin_url(part)
                elif not website:
                    website = web_url(part)
    # Positional, in Record's field order: keyword arguments cost a dataclass more than
    # everything else here (this runs for every row of a file).
    return Record(
        line,
        given_name,
        family_name,
        split_emails(*values["email"]) if "email" in values else [],
        split_values(*values["phone"]) if "phone" in values else [],
        _first_of_list(values, "company"),
        _first_of_list(values, "title"),
        _first(values, "location"),
        linkedin_profile,
        website,
        "\n\n".join(filter(None, map(clean_multiline, values["notes"]))) if "notes" in values else "",
        parse_date(values["met_on"][0]) if "met_on" in values else None,
        LINKEDIN if linkedin else OTHER,
    )


# Read once: an enum member's lookup costs a little on every row.
LINKEDIN, OTHER = Source.LINKEDIN, Source.OTHER


def parse_table(
    text: str, *, encoding: str, format: str = "auto", mapping: dict[int, str] | None = None
) -> ParseResult:
    table = read_table(text)
    detected = detect_csv_format(table.header)
    format = detected if format in ("auto", "") else format
    if mapping is None:
        mapping = MAPPINGS.get(format, guess_mapping)(table.header)
    if not mapping:
        raise ImportFileError(f"No column of this file maps to a contact field (as a {format} export).")
    return build_records(table, mapping, format=format, encoding=encoding)
