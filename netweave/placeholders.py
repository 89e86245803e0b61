"""Letters and drafts that users write with ``{first_name}``-style placeholders.

User-written templates are never run through Django's template engine, so a
template typed into a form cannot reach attributes, filters or tags: known
``{names}`` are replaced by plain substitution and anything else stays as typed.
Both the outreach letters (meetings) and the follow-up drafts (followups) use this.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# Anything in single braces, to catch typos such as {First_Name} or {user.email}.
BRACED = re.compile(r"(?<!\{)\{([^{}\n]{1,60})\}(?!\})")


def fill(text: str, values: Mapping[str, str]) -> str:
    """Replace known ``{placeholders}``; anything else is left exactly as typed."""
    return PLACEHOLDER.sub(lambda match: str(values.get(match.group(1), match.group(0))), text)


def unknown_placeholders(text: str, known: Iterable[str]) -> list[str]:
    """The braced names in ``text`` that are not in ``known``, for a form error."""
    known = set(known)
    return sorted({name for name in BRACED.findall(text) if name not in known})


def mailto_link(to: str, *, subject: str, body: str) -> str:
    """A ``mailto:`` link for the user's own mail client; netweave never sends it.

    RFC 6068: percent-encode everything (spaces as %20, line breaks as %0D%0A), not "+".
    """
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    return f"mailto:{quote(to, safe='@')}?{query}"
