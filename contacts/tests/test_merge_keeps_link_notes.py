"""Merging keeps what a link said: both records knowing one person become one link, with its note."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import ContactLink
from contacts.services import merge_contacts
from contacts.tests.factories import ContactFactory, ContactLinkFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


@pytest.fixture
def people(alice):
    keep = ContactFactory(owner=alice, given_name="Ken", family_name="Sato", company="Acme", title="", notes="")
    other = ContactFactory(owner=alice, given_name="Ken", family_name="Sato", company="Acme", title="", notes="")
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Lee")
    return keep, other, ann


def note_between(person, knows) -> str:
    return ContactLink.objects.get(person=person, knows=knows).note


def test_the_removed_links_note_fills_the_kept_links_blank_note(alice, people):
    keep, other, ann = people
    ContactLinkFactory(owner=alice, person=keep, knows=ann, note="")
    ContactLinkFactory(owner=alice, person=ann, knows=keep, note="")
    ContactLinkFactory(owner=alice, person=other, knows=ann, note="former manager at Acme")
    ContactLinkFactory(owner=alice, person=ann, knows=other, note="college roommate")

    merge_contacts(keep, duplicate=other, today=TODAY)

    assert ContactLink.objects.count() == 2
    assert note_between(keep, ann) == "former manager at Acme"
    assert note_between(ann, keep) == "college roommate"
    keep.refresh_from_db()
    assert keep.notes == ""


def test_a_differing_note_on_a_link_both_had_is_kept_in_the_notes(alice, people):
    keep, other, ann = people
    ContactLinkFactory(owner=alice, person=keep, knows=ann, note="met at PMI")
    ContactLinkFactory(owner=alice, person=ann, knows=other, note="college roommate")
    ContactLinkFactory(owner=alice, person=ann, knows=keep, note="old friend")
    ContactLinkFactory(owner=alice, person=other, knows=ann, note="Met at PMI")  # says the same: not repeated

    merge_contacts(keep, duplicate=other, today=TODAY)

    assert (note_between(keep, ann), note_between(ann, keep)) == ("met at PMI", "old friend")
    keep.refresh_from_db()
    assert keep.notes.splitlines() == ["From the merged record (1 Dec 2026):", "Known by Ann Lee: college roommate"]


def test_the_merge_page_shows_where_each_link_note_goes(alice, alice_client, people):
    keep, other, ann = people
    ContactLinkFactory(owner=alice, person=keep, knows=ann, note="")
    ContactLinkFactory(owner=alice, person=other, knows=ann, note="former manager at Acme")
    ContactLinkFactory(owner=alice, person=ann, knows=keep, note="old friend")
    ContactLinkFactory(owner=alice, person=ann, knows=other, note="college roommate")

    page = alice_client.get(reverse("contacts:merge", args=[keep.pk, other.pk])).content.decode()

    assert "Knows Ann Lee" in page and "former manager at Acme" in page and "fills a blank" in page
    assert "Known by Ann Lee" in page and "college roommate" in page and "kept in notes" in page
