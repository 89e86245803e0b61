"""/api/v1/ledger/: the give-and-get ledger."""

from __future__ import annotations

from datetime import date

import pytest

from contacts.models import LedgerEntry
from contacts.tests.factories import ContactFactory, LedgerEntryFactory

LIST = "/api/v1/ledger/"


def test_recording_an_exchange(api, alice):
    ken = ContactFactory(owner=alice)
    response = api.post(
        LIST,
        {"contact": ken.pk, "direction": "received", "kind": "job_lead", "occurred_on": "2026-03-03"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    entry = LedgerEntry.objects.get()
    assert (entry.owner, entry.contact, entry.occurred_on) == (alice, ken, date(2026, 3, 3))


def test_another_users_contact_is_a_400_naming_the_field(api, alice, bob):
    bobs = ContactFactory(owner=bob)
    response = api.post(LIST, {"contact": bobs.pk, "direction": "gave", "occurred_on": "2026-03-03"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["contact"]


def test_a_future_exchange_is_refused(api, alice):
    ken = ContactFactory(owner=alice)
    response = api.post(LIST, {"contact": ken.pk, "direction": "gave", "occurred_on": "2026-04-01"}, format="json")
    assert response.status_code == 400 and "occurred_on" in response.json()


def test_listing_filtered_by_contact_reading_and_deleting(api, alice):
    ken, ann = ContactFactory.create_batch(2, owner=alice)
    kens = LedgerEntryFactory(owner=alice, contact=ken)
    LedgerEntryFactory(owner=alice, contact=ann)
    assert [r["id"] for r in api.get(LIST + f"?contact={ken.pk}").json()["results"]] == [kens.pk]
    assert api.get(LIST + "?contact=abc").json()["results"] == []
    assert api.get(f"{LIST}{kens.pk}/").json()["contact"] == ken.pk
    assert api.delete(f"{LIST}{kens.pk}/").status_code == 204
    assert not LedgerEntry.objects.filter(pk=kens.pk).exists()


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    LedgerEntryFactory.create_batch(count, owner=alice)
    # the token with its owner, the page of entries
    with django_assert_num_queries(2):
        response = api.get(LIST)
    assert len(response.json()["results"]) == count


def test_guards(alice, assert_api_guards):
    entry = LedgerEntryFactory(owner=alice)
    assert_api_guards("get", LIST, owned=False)
    assert_api_guards(
        "post",
        LIST,
        data={"contact": entry.contact_id, "direction": "gave", "occurred_on": "2026-03-01"},
        write=True,
        owned=False,
    )
    assert_api_guards("get", f"{LIST}{entry.pk}/")
    assert_api_guards("delete", f"{LIST}{entry.pk}/", write=True)
    assert LedgerEntry.objects.count() == 1
