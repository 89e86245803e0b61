"""Merging two records of one person: every related row moves to the survivor, nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from contacts.models import Contact, ContactLink, Interaction, LedgerEntry, Stage
from contacts.pointers import contact_pointers
from contacts.services import merge_contacts
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)
from followups.models import FollowUp
from followups.tests.factories import FollowUpFactory
from meetings.models import Meeting
from meetings.tests.factories import MeetingFactory, SearchFactory

pytestmark = pytest.mark.django_db


def rows_pointing_at(contact: Contact) -> dict[str, int]:
    """How many rows of every model that can point at a contact point at this one."""
    counts = {}
    for pointer in contact_pointers():
        model, field = pointer.model, pointer.field
        counts[f"{model._meta.label}.{field.name}"] = model._base_manager.filter(**{field.name: contact}).count()
    return counts


@pytest.fixture
def pair(alice):
    survivor = ContactFactory(
        owner=alice, given_name="Ken", family_name="Sato", emails=["ken@acme.example"], title="", notes="Met at PMI"
    )
    duplicate = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Sato",
        emails=["ken@acme.example", "ken@home.example"],
        title="Program Director",
        linkedin_url="https://www.linkedin.com/in/ken-sato",
        notes="Loves agile",
        stage=Stage.ALLY,
        met_on=dt.date(2020, 5, 1),
        last_contacted_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC),
    )
    return survivor, duplicate


def test_merging_moves_every_related_row_and_fills_the_blanks(alice, pair):
    survivor, duplicate = pair
    hiring, mentor = TagFactory(owner=alice, name="Hiring"), TagFactory(owner=alice, name="Mentor")
    survivor.tags.add(hiring)
    duplicate.tags.add(hiring, mentor)  # the shared tag must not be doubled
    introducer = ContactFactory(owner=alice)
    duplicate.introduced_by = introducer
    duplicate.save()
    introduced = ContactFactory(owner=alice, introduced_by=duplicate)
    third, fourth = ContactFactory(owner=alice), ContactFactory(owner=alice)
    ContactLinkFactory(owner=alice, person=duplicate, knows=third)
    ContactLinkFactory(owner=alice, person=fourth, knows=duplicate)
    ContactLinkFactory(owner=alice, person=survivor, knows=duplicate)  # would become a self-link
    InteractionFactory.create_batch(2, owner=alice, contact=duplicate)
    InteractionFactory(owner=alice, contact=survivor)
    LedgerEntryFactory.create_batch(3, owner=alice, contact=duplicate)
    meeting = MeetingFactory(owner=alice, contact=duplicate)
    other_meeting = MeetingFactory(owner=alice, contact=third)
    other_meeting.suggested_contacts.add(duplicate)
    FollowUpFactory.create_batch(2, owner=alice, contact=duplicate)
    FollowUpFactory(owner=alice, contact=survivor, meeting=meeting)
    before_survivor, before_duplicate = rows_pointing_at(survivor), rows_pointing_at(duplicate)

    moved = merge_contacts(survivor, duplicate=duplicate, today=dt.date(2026, 12, 1))

    assert not Contact.objects.filter(pk=duplicate.pk).exists()
    after = rows_pointing_at(survivor)
    # Every relation: the survivor now has its own rows plus the duplicate's, except the
    # three that said nothing new: the shared tag and the survivor<->duplicate link (counted on both sides).
    for key in after:
        expected = before_survivor[key] + before_duplicate[key]
        if key == "contacts.Contact_tags.contact":
            expected -= 1
        if key in ("contacts.ContactLink.person", "contacts.ContactLink.knows"):
            expected -= 1
        assert after[key] == expected, key
    assert Interaction.objects.filter(contact=survivor).count() == 3
    assert LedgerEntry.objects.filter(contact=survivor).count() == 3
    assert Meeting.objects.filter(contact=survivor).count() == 1
    assert FollowUp.objects.filter(contact=survivor).count() == 3
    assert list(other_meeting.suggested_contacts.all()) == [survivor]
    assert set(survivor.tags.all()) == {hiring, mentor}
    assert set(ContactLink.objects.values_list("person_id", "knows_id")) == {
        (survivor.pk, third.pk),
        (fourth.pk, survivor.pk),
    }
    introduced.refresh_from_db()
    assert introduced.introduced_by == survivor
    assert moved["contacts.Interaction"] == 2 and moved["meetings.Meeting"] == 1

    survivor.refresh_from_db()
    assert survivor.emails == ["ken@acme.example", "ken@home.example"]
    assert survivor.title == "Program Director"
    assert survivor.linkedin_url == "https://www.linkedin.com/in/ken-sato"
    assert survivor.notes.startswith("Met at PMI\n\nFrom the merged record (1 Dec 2026):\n")
    assert "\nNotes: Loves agile" in survivor.notes
    assert survivor.stage == Stage.ALLY
    assert survivor.met_on == dt.date(2020, 5, 1)  # a blank, filled
    assert survivor.last_contacted_at == dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    assert survivor.introduced_by == introducer
    assert "ken@home.example" in survivor.search_text


def test_merging_keeps_the_searches_either_record_belonged_to_once(alice, pair):
    survivor, duplicate = pair
    shared, only_duplicate = SearchFactory(owner=alice), SearchFactory(owner=alice)
    shared.contacts.add(survivor, duplicate)
    only_duplicate.contacts.add(duplicate)

    merge_contacts(survivor, duplicate=duplicate)

    assert list(shared.contacts.all()) == [survivor]
    assert list(only_duplicate.contacts.all()) == [survivor]


def test_a_survivor_introduced_by_the_duplicate_is_not_left_introducing_itself(alice):
    duplicate = ContactFactory(owner=alice)
    survivor = ContactFactory(owner=alice, introduced_by=duplicate)

    merge_contacts(survivor, duplicate=duplicate)

    survivor.refresh_from_db()
    assert survivor.introduced_by is None


def test_contacts_of_two_people_cannot_be_merged(alice, bob):
    with pytest.raises(ValueError):
        merge_contacts(ContactFactory(owner=alice), duplicate=ContactFactory(owner=bob))


def test_the_merge_page_shows_both_sides_then_merges_on_post(alice_client, alice, pair, django_assert_max_num_queries):
    survivor, duplicate = pair
    url = reverse("contacts:merge", args=[survivor.pk, duplicate.pk])

    # session, user, the two contacts with their counts, tags for each, the links of both
    # (whose notes the plan keeps): 7.
    with django_assert_max_num_queries(7):
        response = alice_client.get(url)
    assert response.status_code == 200
    assert "Program Director" in response.content.decode()

    response = alice_client.post(url)
    assert response.url == survivor.get_absolute_url()
    assert not Contact.objects.filter(pk=duplicate.pk).exists()


def test_merging_a_contact_into_itself_is_refused(alice_client, alice):
    ken = ContactFactory(owner=alice)
    response = alice_client.post(reverse("contacts:merge", args=[ken.pk, ken.pk]))
    assert response.status_code == 302
    assert Contact.objects.filter(pk=ken.pk).exists()


def test_bob_cannot_merge_alices_contacts(alice, pair, assert_hidden_from_bob):
    survivor, duplicate = pair
    url = reverse("contacts:merge", args=[survivor.pk, duplicate.pk])
    assert_hidden_from_bob(url)
    assert_hidden_from_bob(url, method="post")
    assert Contact.objects.filter(pk=duplicate.pk).exists()


def test_merge_answers_other_methods_with_405(alice_client, alice, pair):
    survivor, duplicate = pair
    assert alice_client.put(reverse("contacts:merge", args=[survivor.pk, duplicate.pk])).status_code == 405
