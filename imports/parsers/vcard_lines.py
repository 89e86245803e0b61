"""The lines of one vCard before vobject reads them: unfolded, quoted-printable decoded, within limits.

Every step here is linear in the size of the card: parts are collected in lists
and joined once, never by growing a string line after line (an 860 KB value of
soft line breaks took over ten seconds that way).
"""

from __future__ import annotations

import codecs
import quopri
import re

from django.conf import settings

QP_PARAMS = {"ENCODING=QUOTED-PRINTABLE", "QUOTED-PRINTABLE"}


def max_line_chars() -> int:
    return settings.NETWEAVE_IMPORT_MAX_LINE_CHARS


def property_name(line: str) -> str:
    """``NOTE`` for ``item1.NOTE;CHARSET=...:value``; a line without a name is quoted, shortened."""
    name = line.partition(":")[0].split(";")[0].split(".")[-1].strip()
    return name.upper()[:40] if re.fullmatch(r"[\w-]+", name) else f"the line “{line[:40]}”"


def _is_quoted_printable(line: str) -> bool:
    params = line.partition(":")[0].upper().split(";")[1:]
    return any(param.strip() in QP_PARAMS for param in params)


def logical_lines(lines: list[str]) -> list[str]:
    """Join folded lines (a leading space) and 2.1 quoted-printable soft breaks (a trailing ``=``)."""
    logical: list[list[str]] = []
    soft_break = quoted_printable = False
    for line in lines:
        if logical and soft_break:
            logical[-1].append(line)
        elif logical and line[:1] in (" ", "\t"):
            logical[-1].append(line[1:])
        else:
            logical.append([line])
            quoted_printable = _is_quoted_printable(line)  # once per property, not per physical line
        soft_break = quoted_printable and line.endswith("=")
        if soft_break:
            logical[-1][-1] = line[:-1]
    return ["".join(parts) for parts in logical]


def codec_name(label: str) -> str:
    """A Python codec for a CHARSET parameter or the file's encoding label, or '' if unknown."""
    label = label.strip().strip('"').split(" ")[0]
    try:
        return codecs.lookup(label).name if label else ""
    except LookupError:
        return ""


def decode_quoted_printable(line: str, *, file_codec: str) -> str:
    """A QUOTED-PRINTABLE property with its value decoded and escaped as plain vCard text.

    The bytes are read with the property's CHARSET, else the file's encoding, else
    Windows-1252 (Outlook desktop writes 2.1 cards in the machine's code page and
    often names no charset).
    """
    if not _is_quoted_printable(line):
        return line
    name, _, value = line.partition(":")
    params = name.split(";")
    charset = next((p.split("=", 1)[1] for p in params[1:] if p.upper().startswith("CHARSET=")), "")
    kept = [params[0]] + [
        p for p in params[1:] if p.strip().upper() not in QP_PARAMS and not p.upper().startswith("CHARSET=")
    ]
    text_codec = file_codec if file_codec and not file_codec.startswith("utf_16") else "utf-8"
    raw = quopri.decodestring(value.encode(text_codec, errors="replace"))
    decoded = None
    for candidate in dict.fromkeys(c for c in (codec_name(charset), file_codec, "cp1252") if c):
        try:
            decoded = raw.decode(candidate)
            break
        except (UnicodeDecodeError, LookupError):
            continue
    if decoded is None:
        decoded = raw.decode("cp1252", errors="replace")
    decoded = decoded.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f"{';'.join(kept)}:{decoded}"


def prepare(lines: list[str], *, file_codec: str) -> tuple[list[str], list[str]]:
    """The card's logical lines ready for vobject, and the names of properties left out (too long)."""
    limit = max_line_chars()
    ready: list[str] = []
    skipped: list[str] = []
    for line in logical_lines(lines):
        if len(line) > limit:
            skipped.append(f"{property_name(line)} (longer than {limit // 1024:,} KB, the limit for one value)")
            continue
        ready.append(decode_quoted_printable(line, file_codec=file_codec))
    return ready, skipped
