"""What every parser produces: plain records, row-level errors, and whole-file failures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from contacts.linkedin import LINKEDIN_RE, linkedin_key, linkedin_url  # noqa: F401 (moved to contacts)
from contacts.models import Source


class ImportFileError(Exception):
    """The file as a whole cannot be imported (empty, binary, unrecognised, too large...).

    The message is written for the person who uploaded the file.
    """


@dataclass
class Record:
    """One person as read from a file, before matching.

    ``number`` is the row number in the file (counting the header and any
    preamble lines, as a spreadsheet would) or the card number in a vCard file.
    """

    number: int
    given_name: str = ""
    family_name: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    title: str = ""
    location: str = ""
    linkedin_url: str = ""
    website: str = ""
    notes: str = ""
    met_on: date | None = None
    source: str = Source.OTHER

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.given_name, self.family_name) if p)
        return name or (self.emails[0] if self.emails else "") or self.company or self.linkedin_url

    def is_blank(self) -> bool:
        return not (self.given_name or self.family_name or self.emails or self.linkedin_url or self.company)


@dataclass
class RowError:
    number: int
    message: str


@dataclass
class ParseResult:
    format: str
    encoding: str
    records: list[Record]
    errors: list[RowError]
    unit: str = "row"  # "row" for CSV files, "card" for vCards
    notices: list[str] = field(default_factory=list)
    # Records kept with something left out (a vCard property that could not be read).
    warnings: list[RowError] = field(default_factory=list)


# Field limits follow the Contact model; longer values are cut rather than refused.
TEXT_LIMITS = {
    "given_name": 100,
    "family_name": 100,
    "company": 200,
    "title": 200,
    "location": 200,
    "linkedin_url": 300,
    "website": 300,
}

EMAIL_SEPARATORS = re.compile(r"\s*(?::::|;|,)\s*")
EMAIL_RE = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+$")


def clean(value: object) -> str:
    """A cell as a single trimmed line of text (control characters dropped)."""
    if value is None:
        return ""
    text = str(value).replace("\x00", "")
    return " ".join(text.split())


def clean_multiline(value: object) -> str:
    if value is None:
        return ""
    lines = [" ".join(line.split()) for line in str(value).replace("\x00", "").splitlines()]
    return "\n".join(lines).strip()


def split_emails(*values: str) -> list[str]:
    """Every valid, distinct, lower-cased address in the cells (Google's ``:::`` and ``;`` lists included)."""
    found: list[str] = []
    for value in values:
        value = value or ""
        # Most cells hold one address: split only where a separator is present.
        parts = EMAIL_SEPARATORS.split(value) if ("," in value or ";" in value or ":::" in value) else (value,)
        for part in parts:
            email = part.strip().strip("<>").lower()
            if email.startswith("mailto:"):
                email = email[7:]
            if email and EMAIL_RE.match(email) and email not in found:
                found.append(email)
    return found


def split_values(*values: str) -> list[str]:
    found: list[str] = []
    for value in values:
        for part in (value or "").split(":::"):
            item = clean(part)
            if item and item not in found:
                found.append(item)
    return found


def web_url(value: str) -> str:
    value = clean(value)
    if not value or " " in value:
        return ""
    if not re.match(r"^https?://", value, re.IGNORECASE):
        value = f"https://{value}"
    return value[: TEXT_LIMITS["website"]]


def finish(record: Record) -> Record:
    """Trim every field to what the Contact model holds (``TEXT_LIMITS``; slicing a shorter value is free)."""
    record.given_name = record.given_name[: TEXT_LIMITS["given_name"]]
    record.family_name = record.family_name[: TEXT_LIMITS["family_name"]]
    record.company = record.company[: TEXT_LIMITS["company"]]
    record.title = record.title[: TEXT_LIMITS["title"]]
    record.location = record.location[: TEXT_LIMITS["location"]]
    record.linkedin_url = record.linkedin_url[: TEXT_LIMITS["linkedin_url"]]
    record.website = record.website[: TEXT_LIMITS["website"]]
    if record.phones:
        record.phones = [p[:50] for p in record.phones][:10]
    if len(record.emails) > 10:
        record.emails = record.emails[:10]
    return record
