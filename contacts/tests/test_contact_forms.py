"""Creating, editing and deleting contacts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from contacts.models import Contact, Source
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("contacts:create")


def form_data(**overrides) -> dict:
    return {
        "given_name": "Ken",
        "family_name": "Sato",
        "emails": "ken@acme.example\nken.sato@home.example",
        "phones": "+1 505 555 0100",
        "company": "Acme",
        "source": "event",
        "stage": "acquaintance",
        **overrides,
    }


def test_creating_a_contact_saves_every_field_and_picks_the_introducer(alice_client, alice):
    alice_contact = ContactFactory(owner=alice, given_name="Alice", family_name="Archer")
    hiring = TagFactory(owner=alice, name="Hiring")

    response = alice_client.post(
        CREATE,
        form_data(introduced_by=f"Alice Archer (#{alice_contact.pk})", tags=[hiring.pk], notes="Dog park\nSundays"),
    )

    ken = Contact.objects.get(given_name="Ken")
    assert response.status_code == 302 and response.url == ken.get_absolute_url()
    assert ken.owner == alice
    assert ken.emails == ["ken@acme.example", "ken.sato@home.example"]
    assert ken.phones == ["+1 505 555 0100"]
    assert ken.introduced_by == alice_contact
    assert list(ken.tags.all()) == [hiring]


def test_a_typed_name_that_matches_one_person_is_enough_to_pick_the_introducer(alice_client, alice):
    alice_contact = ContactFactory(owner=alice, given_name="Alice", family_name="Archer")

    alice_client.post(CREATE, form_data(introduced_by="alice archer"))

    assert Contact.objects.get(given_name="Ken").introduced_by == alice_contact


def test_a_new_introducer_is_created_inline_and_the_source_becomes_an_introduction(alice_client, alice):
    alice_client.post(CREATE, form_data(source="other", new_introducer="Maria de la Cruz"))

    ken = Contact.objects.get(given_name="Ken")
    assert ken.introduced_by is not None
    assert ken.introduced_by.given_name == "Maria de la"
    assert ken.introduced_by.family_name == "Cruz"
    assert ken.introduced_by.owner == alice
    assert ken.source == Source.INTRODUCTION


def test_bad_input_shows_errors_and_saves_nothing(alice_client, alice, bob):
    bobs_friend = ContactFactory(owner=bob)

    response = alice_client.post(
        CREATE,
        form_data(
            given_name="",
            family_name="",
            company="",
            emails="not-an-email",
            introduced_by=f"Someone (#{bobs_friend.pk})",
        ),
    )

    assert response.status_code == 200
    assert "“not-an-email” is not a valid email address." in response.content.decode()
    assert "That person is not in your network." in response.content.decode()
    assert Contact.objects.for_owner(alice).count() == 0


def test_a_contact_with_nothing_to_find_them_by_is_refused(alice_client, alice):
    response = alice_client.post(CREATE, form_data(given_name="", family_name="", company="", emails=""))

    assert "Give at least a name, an email or a company" in response.content.decode()
    assert not Contact.objects.exists()


def test_editing_refuses_an_introduction_loop(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    maria = ContactFactory(owner=alice, given_name="Maria", family_name="Garcia", introduced_by=ken)

    response = alice_client.post(
        reverse("contacts:update", args=[ken.pk]), form_data(introduced_by=f"Maria Garcia (#{maria.pk})")
    )

    assert "loop" in response.content.decode()
    ken.refresh_from_db()
    assert ken.introduced_by is None


def test_editing_shows_the_current_introducer_and_saves_changes(alice_client, alice):
    alice_contact = ContactFactory(owner=alice, given_name="Alice", family_name="Archer", company="")
    ken = ContactFactory(owner=alice, introduced_by=alice_contact)
    url = reverse("contacts:update", args=[ken.pk])

    assert f'value="Alice Archer (#{alice_contact.pk})"' in alice_client.get(url).content.decode()

    alice_client.post(url, form_data(introduced_by=f"Alice Archer (#{alice_contact.pk})", title="CTO"))
    ken.refresh_from_db()
    assert ken.title == "CTO" and ken.introduced_by == alice_contact


def test_the_delete_confirmation_says_what_goes_with_the_contact(alice_client, alice, django_assert_max_num_queries):
    ken = ContactFactory(owner=alice)
    InteractionFactory.create_batch(2, owner=alice, contact=ken)
    LedgerEntryFactory.create_batch(3, owner=alice, contact=ken)
    MeetingFactory(owner=alice, contact=ken)
    FollowUpFactory.create_batch(4, owner=alice, contact=ken)
    ContactLinkFactory(owner=alice, person=ken)
    ContactFactory(owner=alice, introduced_by=ken)

    # session, user, the contact with its six counts: 3.
    with django_assert_max_num_queries(3):
        body = alice_client.get(reverse("contacts:delete", args=[ken.pk])).content.decode()

    for text in ("2 logged touches", "3 give-and-get entries", "1 meeting", "4 follow-ups", "1 link to people"):
        assert text in body
    assert "The 1 person they introduced you to stay" in body


def test_deleting_removes_the_history_but_keeps_the_people_they_introduced(alice_client, alice):
    ken = ContactFactory(owner=alice)
    InteractionFactory(owner=alice, contact=ken)
    introduced = ContactFactory(owner=alice, introduced_by=ken)

    response = alice_client.post(reverse("contacts:delete", args=[ken.pk]))

    assert response.status_code == 302
    assert not Contact.objects.filter(pk=ken.pk).exists()
    introduced.refresh_from_db()
    assert introduced.introduced_by is None


def test_the_forms_render_with_a_bounded_number_of_queries(alice_client, alice, django_assert_max_num_queries):
    TagFactory.create_batch(3, owner=alice)
    ken = ContactFactory(owner=alice, introduced_by=ContactFactory(owner=alice))
    # session, user, tags for the checkboxes: 3; editing adds the contact (introducer joined) and its tags: 5.
    with django_assert_max_num_queries(3):
        assert alice_client.get(CREATE).status_code == 200
    with django_assert_max_num_queries(5):
        assert alice_client.get(reverse("contacts:update", args=[ken.pk])).status_code == 200


def test_bob_cannot_edit_or_delete_alices_contact(alice, assert_hidden_from_bob):
    ken = ContactFactory(owner=alice)
    for name in ("contacts:update", "contacts:delete"):
        assert_hidden_from_bob(reverse(name, args=[ken.pk]))
        assert_hidden_from_bob(reverse(name, args=[ken.pk]), method="post", data=form_data())
    assert Contact.objects.filter(pk=ken.pk, given_name=ken.given_name).exists()


@pytest.mark.parametrize("days", ["0", "-3", "4000"])
def test_a_cadence_outside_one_day_to_ten_years_is_refused_and_nothing_is_saved(alice_client, alice, days):
    response = alice_client.post(CREATE, form_data(cadence_days=days))

    assert response.status_code == 200
    assert response.context["form"].errors["cadence_days"]
    assert not Contact.objects.for_owner(alice).exists()


def test_a_cadence_of_one_day_is_kept(alice_client, alice):
    alice_client.post(CREATE, form_data(cadence_days="1"))

    assert Contact.objects.for_owner(alice).get().cadence_days == 1
