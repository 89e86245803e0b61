"""Fixtures for the meetings tests: a recorder for the follow-ups contract, and a frozen clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from followups import services as followup_services


@dataclass
class FollowupCalls:
    """What the meetings services asked the follow-ups rules to do, in order."""

    calls: list[tuple[str, tuple, dict]] = field(default_factory=list)

    def named(self, name: str) -> list[tuple[tuple, dict]]:
        return [(args, kwargs) for called, args, kwargs in self.calls if called == name]


@pytest.fixture
def followup_calls(monkeypatch) -> FollowupCalls:
    """Record calls into the follow-ups contract (the real rules live in the follow-ups app)."""
    recorder = FollowupCalls()
    for name in ("meeting_scheduled", "meeting_held", "promise_made", "search_closed"):
        original = getattr(followup_services, name)

        def record(*args, _name=name, _original=original, **kwargs):
            recorder.calls.append((_name, args, kwargs))
            return _original(*args, **kwargs)

        monkeypatch.setattr(followup_services, name, record)
    return recorder
