from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.tests.factories import UserFactory
from contacts.tests.factories import ContactFactory, ContactLinkFactory, InteractionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    return client


def test_the_contact_admin_lists_searches_and_filters_by_owner(admin_client, alice, bob):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    ContactFactory(owner=bob, given_name="Ann", family_name="Lee")
    url = reverse("admin:contacts_contact_changelist")

    body = admin_client.get(url, {"q": "sato"}).content.decode()
    assert "Ken Sato" in body and "Ann Lee" not in body

    body = admin_client.get(url, {"owner__id__exact": bob.pk}).content.decode()
    assert "Ann Lee" in body and "Ken Sato" not in body


def test_the_contact_admin_page_shows_interactions_and_links_inline(admin_client, alice):
    ken = ContactFactory(owner=alice)
    InteractionFactory(owner=alice, contact=ken, note="Coffee at the Flying Star")
    ContactLinkFactory(owner=alice, person=ken, note="former manager")

    body = admin_client.get(reverse("admin:contacts_contact_change", args=[ken.pk])).content.decode()

    assert "Coffee at the Flying Star" in body
    assert "former manager" in body
