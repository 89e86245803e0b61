"""LinkedIn profile URLs: one spelling per profile, shared by the importers and the capture page."""

from __future__ import annotations

import re
from functools import lru_cache

from django.db.models import QuerySet

LINKEDIN_RE = re.compile(r"(?:https?://)?(?:[a-z]{2,3}\.)?linkedin\.com/(in|pub)/([^/?#\s]+)", re.IGNORECASE)


# An import asks for the key of every row's URL three times (reading the file, loading the
# network, matching): each distinct URL is read with the regex once.
@lru_cache(maxsize=65536)
def linkedin_key(url: str) -> str:
    """``linkedin.com/in/<slug>`` for any spelling of a profile URL, else ''."""
    match = LINKEDIN_RE.search(url or "")
    if not match:
        return ""
    return f"linkedin.com/{match.group(1).lower()}/{match.group(2).lower().rstrip('/')}"


def linkedin_url(url: str) -> str:
    key = linkedin_key(url)
    return f"https://www.{key}" if key else ""


def same_profile(contacts: QuerySet, url: str) -> QuerySet:
    """The contacts (already scoped to an owner) whose LinkedIn URL names the same profile as ``url``.

    The stored URL may be spelled any way (http, country subdomain, trailing slash,
    query string), so the database narrows by the slug and Python compares the keys.
    """
    key = linkedin_key(url)
    if not key:
        return contacts.none()
    slug = key.rsplit("/", 1)[1]
    matches = [
        c.pk
        for c in contacts.filter(linkedin_url__icontains=slug).only("pk", "linkedin_url")
        if linkedin_key(c.linkedin_url) == key
    ]
    return contacts.filter(pk__in=matches)
