"""Adding someone who is already in the network: named before anything is saved, never silently doubled."""

from __future__ import annotations

import pytest
from django.urls import reverse

from contacts.models import Contact
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("contacts:create")
LUCAS_LINKEDIN = "https://www.linkedin.com/in/lucas-garcia"


def form_data(**overrides) -> dict:
    return {"given_name": "Lucas", "family_name": "Garcia", "source": "event", "stage": "acquaintance", **overrides}


@pytest.fixture
def lucas(alice):
    return ContactFactory(
        owner=alice,
        given_name="Lucas",
        family_name="Garcia",
        company="Northwind",
        emails=["lucas.garcia1@northwind.example"],
        linkedin_url=LUCAS_LINKEDIN,
    )


@pytest.mark.parametrize(
    ("details", "why"),
    [
        ({"family_name": "G.", "emails": "LUCAS.GARCIA1@Northwind.example"}, "the same email address"),
        ({"family_name": "G.", "linkedin_url": f"{LUCAS_LINKEDIN}/"}, "the same LinkedIn profile"),
        (
            {"family_name": "G.", "linkedin_url": "http://uk.linkedin.com/in/Lucas-Garcia?trk=x"},
            "the same LinkedIn profile",
        ),
        ({"company": "northwind"}, "the same name at the same company"),
    ],
)
def test_a_new_contact_who_is_already_there_is_named_and_nothing_is_saved(alice, alice_client, lucas, details, why):
    response = alice_client.post(CREATE, form_data(**details))

    assert response.status_code == 200
    page = response.content.decode()
    assert f'<a href="{lucas.get_absolute_url()}">Lucas Garcia</a> ({why})' in page
    assert page.count("Already in your network") == 1  # one alert, not the page's and crispy's
    assert 'type="checkbox" name="different_person"' in page
    assert Contact.objects.for_owner(alice).count() == 1
    # What was typed is still there.
    assert response.context["form"]["family_name"].value() == details.get("family_name", "Garcia")


def test_ticking_different_person_saves_the_new_one(alice, alice_client, lucas):
    response = alice_client.post(CREATE, form_data(emails=lucas.emails[0], different_person="on"))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 2


def test_the_same_name_elsewhere_is_a_different_person(alice, alice_client, lucas):
    response = alice_client.post(CREATE, form_data(company="Globex"))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 2


def test_another_networks_contact_is_never_named(alice, bob_client, lucas):
    response = bob_client.post(CREATE, form_data(emails=lucas.emails[0], company="Northwind"))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).count() == 1


def test_editing_a_contact_is_not_stopped_by_the_check(alice, alice_client, lucas):
    twin = ContactFactory(owner=alice, given_name="Lucas", family_name="Garcia", company="Globex")

    response = alice_client.post(reverse("contacts:update", args=[twin.pk]), form_data(company="Northwind"))

    assert response.status_code == 302
