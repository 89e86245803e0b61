from __future__ import annotations

from .home import dashboard
from .insight import introduction_network, search, who_can_introduce

__all__ = ["dashboard", "introduction_network", "search", "who_can_introduce"]
