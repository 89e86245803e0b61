"""The keys that make each follow-up rule idempotent: one place, so every writer agrees.

A follow-up created by a rule carries ``rule_key``, unique per owner. The services,
the batch rules and the demo seeding all build keys here, so a demo row and the row a
rule would create for the same loop collide on the constraint instead of doubling up.
"""

from __future__ import annotations

import hashlib
from datetime import date


def thank_you(meeting_id: int) -> str:
    return f"thank_you:meeting:{meeting_id}"


def thank_referrer(draft_kind: str, meeting_id: int) -> str:
    """``draft_kind`` tells the note before the meeting from the one after it."""
    return f"{draft_kind}:meeting:{meeting_id}"


def promise(meeting_id: int, text: str) -> str:
    # The same promise saved twice for the same meeting is the same promise.
    digest = hashlib.sha256(" ".join(text.split()).lower().encode()).hexdigest()[:16]
    return f"promise:meeting:{meeting_id}:{digest}"


def outcome_report(search_id: int, contact_id: int) -> str:
    return f"outcome_report:search:{search_id}:contact:{contact_id}"


def reply_nudge(meeting_id: int) -> str:
    return f"reply_nudge:meeting:{meeting_id}"


def keep_in_touch(contact_id: int, lapsed_on: date) -> str:
    # One per lapse: a touch moves the due date and so opens a new key.
    return f"keep_in_touch:contact:{contact_id}:{lapsed_on.isoformat()}"
