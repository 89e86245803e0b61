from __future__ import annotations

import pytest
from django.core.cache import cache

from accounts import throttle


@pytest.fixture(autouse=True)
def fresh_throttle():
    """Reset counters live in Redis and outlive a test; each test starts from zero."""
    cache.delete_pattern(f"{throttle.PREFIX}:*")
    yield
    cache.delete_pattern(f"{throttle.PREFIX}:*")
