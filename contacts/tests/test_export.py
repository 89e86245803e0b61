"""Exporting the filtered list as CSV and vCard."""

from __future__ import annotations

import csv
import io

import pytest
import vobject
from django.urls import reverse

from contacts.export import neutralise
from contacts.tests.factories import ContactFactory, TagFactory

pytestmark = pytest.mark.django_db


def download(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("http://evil.example")', '\'=HYPERLINK("http://evil.example")'),
        ("+1 505 555 0100", "'+1 505 555 0100"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Acme = good", "Acme = good"),
        ("", ""),
    ],
)
def test_cells_that_a_spreadsheet_would_run_are_neutralised(cell, safe):
    assert neutralise(cell) == safe


def test_the_csv_export_neutralises_formulas_in_every_column(alice_client, alice):
    ContactFactory(
        owner=alice,
        given_name="=cmd|' /C calc'!A0",
        family_name="@evil",
        company="+Acme",
        notes="-1+1",
        emails=["ken@acme.example"],
    )

    response = alice_client.get(reverse("contacts:export_csv"))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(download(response))))
    assert rows[0]["First name"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["Last name"] == "'@evil"
    assert rows[0]["Company"] == "'+Acme"
    assert rows[0]["Notes"] == "'-1+1"
    assert rows[0]["Emails"] == "ken@acme.example"


def test_the_export_follows_the_lists_filters_and_owner(alice_client, alice, bob):
    hiring = TagFactory(owner=alice, name="Hiring")
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Smith")
    ken.tags.add(hiring)
    # A fixed company: a random one ("Smith, Lee and Park") would match the search too.
    ContactFactory(owner=alice, given_name="Ann", family_name="Lee", company="Initech")
    ContactFactory(owner=bob, given_name="Bobs", family_name="Smith")

    rows = list(csv.DictReader(io.StringIO(download(alice_client.get(reverse("contacts:export_csv"), {"q": "smith"})))))

    assert [(row["First name"], row["Tags"]) for row in rows] == [("Ken", "Hiring")]


def test_the_vcard_export_is_valid_vcard_3(alice_client, alice, django_assert_max_num_queries):
    hiring = TagFactory(owner=alice, name="Hiring")
    ken = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Sato",
        preferred_name="Kenny",
        emails=["ken@acme.example", "ken@home.example"],
        phones=["+1 505 555 0100"],
        company="Acme",
        title="CTO",
        linkedin_url="https://www.linkedin.com/in/ken",
        notes="Line one\nLine two",
    )
    ken.tags.add(hiring)
    ContactFactory.create_batch(3, owner=alice)

    # session, user, the contacts, their tags: 4 whatever the size.
    with django_assert_max_num_queries(4):
        text = download(alice_client.get(reverse("contacts:export_vcard")))

    cards = list(vobject.readComponents(text))
    assert len(cards) == 4
    card = next(c for c in cards if c.fn.value == "Ken Sato")
    assert card.version.value == "3.0"
    assert [e.value for e in card.contents["email"]] == ["ken@acme.example", "ken@home.example"]
    assert card.tel.value == "+1 505 555 0100"
    assert card.org.value == ["Acme"]
    assert card.nickname.value == "Kenny"
    assert card.categories.value == ["Hiring"]
    assert card.note.value == "Line one\nLine two"


def test_bob_exports_only_his_own_network(alice, bob_client):
    ContactFactory(owner=alice, given_name="Ken")
    assert "Ken" not in download(bob_client.get(reverse("contacts:export_csv")))
    assert download(bob_client.get(reverse("contacts:export_vcard"))) == ""


def test_export_answers_post_with_405(alice_client):
    assert alice_client.post(reverse("contacts:export_csv")).status_code == 405
    assert alice_client.post(reverse("contacts:export_vcard")).status_code == 405
