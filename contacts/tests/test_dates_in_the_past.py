"""A touch, an exchange and the day you met already happened: the forms and the API refuse the future alike."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.html import escape

from conftest import NOW
from contacts.models import Contact
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

FUTURE = "You can't have met them in the future; leave it blank until you do."


def contact_form(**overrides: str) -> dict[str, str]:
    return {"given_name": "Nia", "family_name": "Ode", "source": "other", "stage": "acquaintance", **overrides}


def test_a_future_met_on_is_refused_on_the_new_contact_form(alice_client, frozen):
    response = alice_client.post(reverse("contacts:create"), contact_form(met_on="2030-01-01"))

    assert response.status_code == 200
    assert response.context["form"].errors["met_on"] == [FUTURE]
    assert escape(FUTURE) in response.content.decode()  # shown beside the field
    assert not Contact.objects.exists()


def test_a_future_met_on_is_refused_when_editing(alice, alice_client, frozen):
    nia = ContactFactory(owner=alice, given_name="Nia", met_on=dt.date(2025, 5, 1))

    response = alice_client.post(reverse("contacts:update", args=[nia.pk]), contact_form(met_on="2030-01-01"))

    assert response.status_code == 200 and response.context["form"].errors["met_on"] == [FUTURE]
    nia.refresh_from_db()
    assert nia.met_on == dt.date(2025, 5, 1)


@pytest.mark.parametrize("met_on", ["2026-03-04", "2026-03-05", "2025-11-14", ""])
def test_today_tomorrow_a_past_day_or_blank_is_accepted(alice, alice_client, frozen, met_on):
    # Tomorrow too: the same day of slack as a give/get entry, for a device ahead of the Preferences zone.
    response = alice_client.post(reverse("contacts:create"), contact_form(met_on=met_on))

    assert response.status_code == 302
    assert Contact.objects.for_owner(alice).get().met_on == (dt.date.fromisoformat(met_on) if met_on else None)


def test_the_api_refuses_a_future_met_on_in_the_same_words(alice, frozen):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(alice)

    response = client.post("/api/v1/contacts/", {"given_name": "Nia", "met_on": "2030-01-01"}, format="json")

    assert response.status_code == 400 and response.json()["met_on"] == [FUTURE]
    assert NOW.date() < dt.date(2030, 1, 1) and not Contact.objects.exists()


def test_touches_and_exchanges_keep_their_refusals(alice, alice_client, frozen):
    from contacts.forms import InteractionForm, LedgerEntryForm

    touch = InteractionForm({"occurred_at": "2026-03-05T12:00", "channel": "email"})
    exchange = LedgerEntryForm({"direction": "gave", "kind": "advice", "occurred_on": "2026-03-09"})

    assert touch.errors["occurred_at"] == ["A touch cannot be in the future; plan a meeting instead."]
    assert exchange.errors["occurred_on"] == ["Record exchanges that happened, not future ones."]
