"""What the contacts app announces to the apps above it, which it may not import (tests/test_layering.py)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by ``services.merge_contacts()`` inside its transaction, once every row of the removed
# record points at the kept one: ``sender=Contact``, ``survivor=`` the kept contact. The rows
# that came over may now repeat the kept record's own (follow-ups act on this).
contacts_merged = Signal()
