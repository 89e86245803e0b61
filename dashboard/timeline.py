"""One contact's history: touches, the ledger, meetings and follow-ups, newest first.

Each app gives its own entries (one query each); this page-level merge calls them
explicitly, so the timeline costs four queries whatever the history holds.
"""

from __future__ import annotations

from contacts.models import Contact
from contacts.timeline import TimelineEntry, ledger_entries, touch_entries
from followups.timeline import followup_entries
from meetings.timeline import meeting_entries


def contact_timeline(contact: Contact) -> list[TimelineEntry]:
    """Everything that happened with ``contact``, newest first, in four queries."""
    entries = touch_entries(contact) + ledger_entries(contact) + meeting_entries(contact) + followup_entries(contact)
    return sorted(entries, key=lambda entry: entry.when, reverse=True)
