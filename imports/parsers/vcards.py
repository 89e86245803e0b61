"""vCard files (2.1, 3.0, 4.0), one card at a time so a broken card is reported, not fatal."""

from __future__ import annotations

import logging
import re

import vobject
from django.conf import settings

from .records import (
    ImportFileError,
    ParseResult,
    Record,
    RowError,
    clean,
    clean_multiline,
    finish,
    linkedin_key,
    linkedin_url,
    split_emails,
    web_url,
)
from .vcard_lines import codec_name, prepare, property_name

# vobject logs every line it cannot parse; the importer reports the card instead.
logging.getLogger("vobject.base").setLevel(logging.CRITICAL)

BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
# Photos and other binary blobs are never imported; dropping them before parsing
# keeps a file full of large PHOTO blocks fast.
SKIPPED_PROPERTY = re.compile(r"^(?:[\w-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)


def looks_like_vcard(text: str) -> bool:
    return bool(re.match(r"^\s*BEGIN:VCARD", text[:1024], re.IGNORECASE))


def split_cards(text: str) -> tuple[list[tuple[int, list[str]]], list[RowError]]:
    """Each card's lines (unfolded later), numbered from 1, with framing and size errors.

    A card larger than NETWEAVE_IMPORT_MAX_CARD_CHARS is reported and left out; a file
    with more than NETWEAVE_IMPORT_MAX_CARDS cards is refused as a whole.
    """
    max_cards = settings.NETWEAVE_IMPORT_MAX_CARDS
    max_card = settings.NETWEAVE_IMPORT_MAX_CARD_CHARS
    cards: list[tuple[int, list[str]]] = []
    errors: list[RowError] = []
    current: list[str] | None = None
    skipping = too_big = False
    number = size = 0
    for line in text.splitlines():
        if BEGIN.match(line):
            number += 1
            if number > max_cards:
                raise ImportFileError(
                    f"The file has more than {max_cards:,} cards; the limit is {max_cards:,} cards per file. "
                    "Split it into smaller files and import them one after the other."
                )
            if current is not None:
                errors.append(RowError(number - 1, "has no END:VCARD line; it was left out"))
            current = [line]
            skipping = too_big = False
            size = len(line)
            continue
        if current is None or not line.strip():
            continue
        if END.match(line):
            if too_big:
                errors.append(
                    RowError(number, f"is larger than {max_card // 1024:,} KB, the limit for one card; it was left out")
                )
            else:
                current.append(line)
                cards.append((number, current))
            current = None
            continue
        size += len(line) + 2
        if too_big or size > max_card:
            too_big = True
            current.clear()  # nothing of an oversized card is kept in memory
            continue
        if skipping and (line[:1] in (" ", "\t") or (line and ":" not in line)):
            continue  # a folded line of a skipped PHOTO, or a 2.1 base64 block
        skipping = bool(SKIPPED_PROPERTY.match(line))
        if not skipping:
            current.append(line)
    if current is not None:
        errors.append(RowError(number, "has no END:VCARD line; it was left out"))
    return cards, errors


def _escape_21_commas(lines: list[str]) -> list[str]:
    """vCard 2.1 has no comma escaping; vobject reads a bare comma as a list separator and drops the rest."""
    if not any(line.upper().startswith("VERSION:2.1") for line in lines):
        return lines
    escaped = []
    for line in lines:
        name, colon, value = line.partition(":")
        if colon and name.upper().split(";")[0].split(".")[-1] not in ("BEGIN", "END", "VERSION"):
            value = re.sub(r"(?<!\\),", r"\\,", value)
        escaped.append(f"{name}{colon}{value}")
    return escaped


def _values(card: vobject.base.Component, name: str) -> list:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: object) -> str:
    if isinstance(value, list):
        value = " ".join(str(v) for v in value if v)
    return clean(value)


def card_to_record(number: int, card: vobject.base.Component) -> Record:
    record = Record(number=number)
    names = card.contents.get("n")
    if names and hasattr(names[0].value, "given"):
        record.given_name = _text(names[0].value.given)
        record.family_name = _text(names[0].value.family)
    if not (record.given_name or record.family_name):
        full = _text(_values(card, "fn")[0]) if "fn" in card.contents else ""
        given, _, family = full.rpartition(" ") if " " in full else (full, "", "")
        record.given_name, record.family_name = given, family
    record.emails = split_emails(*[_text(v) for v in _values(card, "email")])
    phones = (re.sub(r"^tel:", "", _text(v), flags=re.IGNORECASE) for v in _values(card, "tel"))
    record.phones = list(dict.fromkeys(p for p in phones if p))
    org = _values(card, "org")
    if org:
        parts = org[0] if isinstance(org[0], list) else [org[0]]
        parts = [clean(p) for p in parts if clean(p)]
        record.company = parts[0] if parts else ""
        department = ", ".join(parts[1:])
    else:
        department = ""
    title = _text(_values(card, "title")[0]) if "title" in card.contents else ""
    record.title = f"{title} ({department})" if title and department else title or department
    addresses = _values(card, "adr")
    if addresses and hasattr(addresses[0], "city"):
        record.location = ", ".join(p for p in (_text(addresses[0].city), _text(addresses[0].region)) if p)
    record.notes = "\n\n".join(clean_multiline(v) for v in _values(card, "note") if clean_multiline(v))
    urls = [_text(v) for v in _values(card, "url")]
    urls += [_text(v) for v in _values(card, "x-socialprofile")]
    for url in urls:
        if linkedin_key(url):
            record.linkedin_url = record.linkedin_url or linkedin_url(url)
        elif not record.website:
            record.website = web_url(url)
    return finish(record)


def _card_text(lines: list[str]) -> str:
    return "\r\n".join(_escape_21_commas(lines)) + "\r\n"


def read_card(lines: list[str], *, file_codec: str) -> tuple[vobject.base.Component, list[str]]:
    """The card, and the properties left out so that one bad property never loses the card.

    Only when the whole card does not parse is each property tried on its own (a
    tiny card per line, so this stays linear); the lines that parse are kept.
    """
    ready, skipped = prepare(lines, file_codec=file_codec)
    try:
        return vobject.readOne(_card_text(ready)), skipped
    except Exception:  # noqa: S110 (vobject raises ParseError, ValueError, UnicodeError...: try line by line)
        pass
    begin, body, end = ready[0], ready[1:-1], ready[-1]
    version = [line for line in body if line.upper().startswith("VERSION:")][:1]
    kept: list[str] = []
    for line in body:
        try:
            vobject.readOne(_card_text([begin, *version, line, end]))
        except Exception:
            skipped.append(f"{property_name(line)} (it could not be read)")
            continue
        kept.append(line)
    return vobject.readOne(_card_text([begin, *kept, end])), skipped


def parse_vcards(text: str, *, encoding: str) -> ParseResult:
    cards, errors = split_cards(text)
    if not cards and not errors:
        raise ImportFileError("No vCard was found in the file (no BEGIN:VCARD ... END:VCARD block).")
    file_codec = codec_name(encoding)
    records: list[Record] = []
    warnings: list[RowError] = []
    for number, lines in cards:
        try:
            card, skipped = read_card(lines, file_codec=file_codec)
            record = card_to_record(number, card)
        except Exception as error:  # vobject raises ParseError, ValueError, UnicodeError, LookupError...
            errors.append(RowError(number, f"cannot be read ({_reason(error)}); it was left out"))
            continue
        if record.is_blank():
            errors.append(RowError(number, "has no name, email address or LinkedIn URL"))
            continue
        if skipped:
            warnings.append(RowError(number, f"was kept without {', '.join(skipped)}"))
        records.append(record)
    errors.sort(key=lambda e: e.number)
    return ParseResult(
        format="vcard", encoding=encoding, records=records, errors=errors, unit="card", warnings=warnings
    )


def _reason(error: Exception) -> str:
    text = clean(str(error)) or type(error).__name__
    text = re.sub(r"^At line (\d+):\s*", r"line \1 of the card: ", text)
    return text[:160]
