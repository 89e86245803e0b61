"""The one answer to "what points at a Contact": ``contacts.pointers.contact_pointers()``."""

from __future__ import annotations

import pytest

from contacts.models import Contact
from contacts.pointers import contact_pointers
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    InteractionFactory,
    LedgerEntryFactory,
)
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_every_foreign_key_to_a_contact_is_found_many_to_many_tables_included():
    found = {f"{pointer.model._meta.label}.{pointer.field.name}" for pointer in contact_pointers()}

    assert found >= {
        "contacts.Contact.introduced_by",
        "contacts.ContactLink.person",
        "contacts.ContactLink.knows",
        "contacts.Interaction.contact",
        "contacts.LedgerEntry.contact",
        "contacts.Contact_tags.contact",
        "meetings.Meeting.contact",
        "meetings.Meeting_suggested_contacts.contact",
        "meetings.Search_contacts.contact",
        "followups.FollowUp.contact",
    }


def test_link_tables_are_told_apart_from_history():
    link_tables = {pointer.model._meta.label for pointer in contact_pointers() if pointer.is_link_table}

    assert link_tables == {"contacts.Contact_tags", "meetings.Meeting_suggested_contacts", "meetings.Search_contacts"}


def test_history_counts_have_one_count_per_relation_that_is_history(alice):
    ken = ContactFactory(owner=alice)
    InteractionFactory.create_batch(2, owner=alice, contact=ken)
    LedgerEntryFactory(owner=alice, contact=ken)
    MeetingFactory(owner=alice, contact=ken)
    FollowUpFactory(owner=alice, contact=ken)
    ContactLinkFactory(owner=alice, person=ken, knows=ContactFactory(owner=alice))
    ContactLinkFactory(owner=alice, person=ContactFactory(owner=alice), knows=ken)
    ContactFactory(owner=alice, introduced_by=ken)

    counted = Contact.objects.for_owner(alice).with_history_counts().get(pk=ken.pk)

    expected = {
        "interactions_count": 2,
        "ledger_entries_count": 1,
        "meetings_count": 1,
        "followups_count": 1,
        "links_out_count": 1,
        "links_in_count": 1,
        "introduced_count": 1,
    }
    assert {name: getattr(counted, name) for name in expected} == expected
    history = {f"{pointer.accessor}_count" for pointer in contact_pointers() if not pointer.is_link_table}
    assert history == set(expected)
