"""Contacts out of netweave: CSV rows safe to open in a spreadsheet, and vCard 3.0 cards."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Iterator
from datetime import tzinfo

import vobject

from .models import Contact

# A spreadsheet runs a cell that starts with one of these as a formula (or, for tab
# and carriage return, shifts it so it does): "=HYPERLINK(...)" in a contact's
# company must arrive as text. OWASP's advice: prefix a single quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CSV_COLUMNS: tuple[tuple[str, Callable[[Contact], object] | None], ...] = (
    ("First name", lambda c: c.given_name),
    ("Last name", lambda c: c.family_name),
    ("Likes to be called", lambda c: c.preferred_name),
    ("Emails", lambda c: "; ".join(c.emails)),
    ("Phones", lambda c: "; ".join(c.phones)),
    ("Company", lambda c: c.company),
    ("Title", lambda c: c.title),
    ("Location", lambda c: c.location),
    ("LinkedIn", lambda c: c.linkedin_url),
    ("Website", lambda c: c.website),
    ("Where you met", lambda c: c.get_source_display()),
    ("Details", lambda c: c.source_detail),
    ("Met on", lambda c: c.met_on.isoformat() if c.met_on else ""),
    ("Introduced by", lambda c: c.introduced_by.full_name if c.introduced_by else ""),
    ("Stage", lambda c: c.get_stage_display()),
    ("Keep in touch every (days)", lambda c: c.cadence_days or ""),
    # Filled in per file by ``csv_rows``: the day is the user's own, not the server's.
    ("Last contacted", None),
    ("Tags", lambda c: "; ".join(tag.name for tag in c.tags.all())),
    ("Notes", lambda c: c.notes),
    ("How I can help them", lambda c: c.how_i_can_help),
    ("How they might help me", lambda c: c.how_they_can_help),
)


def neutralise(value: object) -> str:
    """Make a cell inert in Excel, LibreOffice and Google Sheets."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(contacts: Iterable[Contact], *, zone: tzinfo) -> Iterator[str]:
    """The header and one line per contact, as CSV text, streamed; days in ``zone``, the user's."""

    def last_contacted(contact: Contact) -> str:
        when = contact.last_contacted_at
        return when.astimezone(zone).date().isoformat() if when else ""

    columns = [(title, value or last_contacted) for title, value in CSV_COLUMNS]
    writer = csv.writer(_Echo())
    # A byte-order mark, so Excel reads the file as UTF-8 (names with accents survive).
    yield "\ufeff" + writer.writerow([title for title, _ in columns])
    for contact in contacts:
        yield writer.writerow([neutralise(value(contact)) for _, value in columns])


def vcard(contact: Contact) -> vobject.base.Component:
    card = vobject.vCard()
    card.add("fn").value = contact.full_name
    card.add("n").value = vobject.vcard.Name(family=contact.family_name, given=contact.given_name)
    if contact.preferred_name:
        card.add("nickname").value = contact.preferred_name
    for position, address in enumerate(contact.emails):
        email = card.add("email")
        email.value = address
        email.type_param = ["INTERNET", "PREF"] if position == 0 else ["INTERNET"]
    for number in contact.phones:
        card.add("tel").value = number
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.title:
        card.add("title").value = contact.title
    for url in (contact.linkedin_url, contact.website):
        if url:
            card.add("url").value = url
    if contact.location:
        card.add("adr").value = vobject.vcard.Address(city=contact.location)
    tags = [tag.name for tag in contact.tags.all()]
    if tags:
        card.add("categories").value = tags
    if contact.notes:
        card.add("note").value = contact.notes
    return card


def vcards(contacts: Iterable[Contact]) -> Iterator[str]:
    for contact in contacts:
        yield vcard(contact).serialize()
