"""Per-owner cache versions: what a page caches for a user is keyed by that user's number.

Every write that can change what a cached part shows (the dashboard, the list counts, which
contacts are on a page of the contact list) calls ``bump_owner(owner_id)``; the number
moves on and the old entries are never read again (they expire by themselves).
Nothing is deleted, so a reader racing a writer can at worst store a result under a number
that is already dead.

The bump happens twice when a transaction is open: at once, and again when it commits. A
reader between the two may store the not-yet-committed (old) rows under the first new
number; the second bump retires it. Web writes are also covered by
``BumpOnWriteMiddleware`` (any POST, PUT, PATCH or DELETE by a signed-in user), so a view
that saves a form without a service cannot leave a stale number behind.

Every entry's key also carries ``code_stamp()``, a digest of the code and templates that
built it: after a deploy the new release never reads an entry pickled by the old one (a
class of another shape, a page rendered by an older template). The version numbers carry
no stamp, so a bump by either release during a rolling deploy retires both releases' entries.

Redis down: ``owner_version`` answers None and callers compute without the cache; a bump
that cannot reach Redis is lost, so cached entries live at most ``ENTRY_SECONDS``.
"""

from __future__ import annotations

import functools
import hashlib
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse

# How long a cached part lives: bounds what a bump lost to a Redis outage can leave behind.
ENTRY_SECONDS = 10 * 60
# The version numbers themselves live long; one evicted starts again from the clock.
VERSION_SECONDS = 30 * 24 * 3600
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _version_key(owner_id: int) -> str:
    return f"owner-version:{owner_id}"


def _fresh_number() -> int:
    # From the clock, so a version lost with Redis's memory never comes back to a number
    # whose entries may still be stored.
    return time.time_ns()


# What the cached entries are built from: our Python code and templates, not what is installed.
_SOURCE_SUFFIXES = (".py", ".html", ".txt")
_NOT_SOURCES = frozenset({"node_modules", "static", "staticfiles", "var", "tests", "bench", "docs", "migrations"})


@functools.cache
def code_stamp() -> str:
    """A digest of this release's source: the same on every host running the same code."""
    root = Path(settings.BASE_DIR)
    digest = hashlib.blake2s(digest_size=6)
    sources = []
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [d for d in subfolders if not d.startswith((".", "_")) and d not in _NOT_SOURCES]
        sources += [Path(folder, name) for name in names if name.endswith(_SOURCE_SUFFIXES)]
    for path in sorted(sources):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def owner_version(owner_id: int) -> int | None:
    """The owner's current cache version, or None when Redis does not answer."""
    key = _version_key(owner_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, _fresh_number(), VERSION_SECONDS)
        version = cache.get(key)
    return version


def _bump_now(owner_ids: Iterable[int]) -> None:
    for owner_id in set(owner_ids):
        key = _version_key(owner_id)
        try:
            if cache.incr(key) is not None:
                continue
        except ValueError:  # the key is gone (never read, or evicted)
            pass
        cache.set(key, _fresh_number(), VERSION_SECONDS)


def bump_owner(*owner_ids: int) -> None:
    """Retire everything cached for these owners: call after any write they could see."""
    _bump_now(owner_ids)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(owner_ids))


def owner_key(owner_id: int, part: str) -> str | None:
    """The cache key of ``part`` at the owner's current version, or None when Redis does not answer.

    Whatever is stored under it must be computed after this call, so it is at least as new
    as the version it is filed under.
    """
    version = owner_version(owner_id)
    if version is None:
        return None
    return f"owner:{owner_id}:{version}:{code_stamp()}:{part}"


def cached_for_owner(owner_id: int, part: str, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per owner version and ``part`` (which names everything else it depends on)."""
    key = owner_key(owner_id, part)
    if key is None:
        return compute()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, ENTRY_SECONDS)
    return found


class BumpOnWriteMiddleware:
    """A signed-in user's write request retires their cached parts, whatever view served it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in WRITE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                # After the view: its transactions are over (no ATOMIC_REQUESTS), so once is enough.
                _bump_now([user.pk])
        return response
