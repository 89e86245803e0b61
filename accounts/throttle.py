"""A small fixed-window counter in the cache, for password reset requests.

If Redis is down the cache ignores the error and nothing is counted: a reset mail
too many is better than nobody being able to reset a password.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

PREFIX = "throttle"
WINDOW_SECONDS = 3600


def over_limit(scope: str, subject: str, *, limit: int, window: int = WINDOW_SECONDS) -> bool:
    """Count one more request for (scope, subject); True once the count exceeds ``limit`` in the window."""
    # Hashed: the subject may be an email address, and cache keys must stay short and plain.
    key = f"{PREFIX}:{scope}:{hashlib.sha256(subject.lower().encode()).hexdigest()[:32]}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr, or the cache is down
        return False
    return bool(count) and count > limit
