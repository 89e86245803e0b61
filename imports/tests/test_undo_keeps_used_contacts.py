"""An import's undo keeps every contact that something else points at."""

from __future__ import annotations

import pytest

from contacts.tests.factories import ContactFactory, ImportRunFactory
from imports.pipeline import touched_contacts
from meetings.tests.factories import SearchFactory

pytestmark = pytest.mark.django_db


def test_an_import_undo_keeps_a_contact_that_any_pointer_reaches(alice):
    run = ImportRunFactory(owner=alice)
    kept = ContactFactory(owner=alice, import_run=run)
    SearchFactory(owner=alice).contacts.add(kept)  # a link table counts as use
    ContactFactory(owner=alice, import_run=run)  # untouched

    assert list(touched_contacts(run)) == [kept]
