"""The first step of every import: bytes in, records out, whatever door the file came through."""

from __future__ import annotations

from .decoding import decode
from .records import ImportFileError, ParseResult
from .tables import Table, parse_table, read_table
from .vcards import looks_like_vcard, parse_vcards

FORMATS: dict[str, str] = {
    "auto": "Detect from the file",
    "linkedin": "LinkedIn connections (Connections.csv)",
    "google": "Google Contacts (CSV)",
    "outlook": "Outlook (CSV)",
    "vcard": "vCard (.vcf)",
    "csv": "Other CSV (choose the columns)",
}
FORMAT_NAMES: dict[str, str] = {
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "vcard": "vCard",
    "csv": "CSV",
}


def detect_format(text: str) -> str:
    if looks_like_vcard(text):
        return "vcard"
    from .tables import detect_csv_format

    return detect_csv_format(read_table(text).header)


def parse(data: bytes, *, format: str = "auto", mapping: dict[int, str] | None = None) -> ParseResult:
    """Parse an uploaded file; raises :class:`ImportFileError` when the file as a whole is unusable.

    Rows or cards that cannot be read are returned as errors, numbered, next to
    the records that can.
    """
    if format not in FORMATS:
        raise ImportFileError(f"Unknown format {format!r}; choose one of {', '.join(FORMATS)}.")
    text, encoding = decode(data)
    if format == "vcard" or (format == "auto" and looks_like_vcard(text)):
        return parse_vcards(text, encoding=encoding)
    if format != "auto" and looks_like_vcard(text):
        expected = "CSV" if format == "csv" else f"{FORMAT_NAMES[format]} CSV"
        raise ImportFileError(f"This is a vCard file, not a {expected} export. Choose vCard, or Detect.")
    return parse_table(text, encoding=encoding, format=format, mapping=mapping)


ACCEPTED_FORMATS = (
    "netweave imports CSV files (a LinkedIn, Google or Outlook export, or any CSV with a header row "
    "naming the columns) and vCard (.vcf) files."
)
# Column names are a few words; a header cell longer than this is a sentence.
MAX_HEADER_WORDS = 6


def _is_sentence(cell: str) -> bool:
    words = len(cell.split())
    return words > MAX_HEADER_WORDS or (words >= 3 and cell.rstrip().endswith((".", "!", "?")))


def check_looks_like_a_table(text: str, *, table: Table | None = None) -> None:
    """Refuse prose (a README saved as .txt) before the column step: its commas are not columns.

    A CSV's header names its columns in a few words and most rows have as many
    cells as the header; text split at its commas has neither. ``table`` is ``text``
    already read, where the caller has it.
    """
    table = table or read_table(text)
    sentence = next((cell for cell in table.header if _is_sentence(cell)), "")
    aligned = sum(1 for _, cells in table.rows if len(cells) == len(table.header))
    if sentence or (table.rows and aligned * 2 < len(table.rows)):
        raise ImportFileError(
            "This file does not look like a table of contacts: its lines read as text, not columns. " + ACCEPTED_FORMATS
        )


def read_header(data: bytes) -> tuple[list[str], str]:
    """The header of a CSV upload and the format it looks like (for the column-mapping step)."""
    from .tables import detect_csv_format

    text, _ = decode(data)
    if looks_like_vcard(text):
        return [], "vcard"
    header = read_table(text).header
    return header, detect_csv_format(header)


__all__ = [
    "ACCEPTED_FORMATS",
    "FORMATS",
    "FORMAT_NAMES",
    "ImportFileError",
    "check_looks_like_a_table",
    "detect_format",
    "parse",
    "read_header",
]
