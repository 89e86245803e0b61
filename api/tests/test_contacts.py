"""/api/v1/contacts/: list with search and filters, create, read, update, delete."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from contacts.models import Contact, Source, Stage
from contacts.tests.factories import ContactFactory, TagFactory

LIST = "/api/v1/contacts/"


def detail(contact: Contact) -> str:
    return f"/api/v1/contacts/{contact.pk}/"


def test_the_list_holds_only_your_contacts(api, alice, bob):
    mine = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")
    ContactFactory(owner=bob, given_name="Bobs", family_name="Friend")
    response = api.get(LIST)
    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]
    assert response.json()["results"][0]["full_name"] == "Ken Watanabe"


def test_search_and_filters_are_the_contact_lists(api, alice):
    smith = ContactFactory(owner=alice, given_name="Jo", family_name="Smith", company="Acme", stage=Stage.ALLY)
    ContactFactory(owner=alice, given_name="Al", family_name="Jones", company="Acme")
    tagged = ContactFactory(owner=alice, given_name="Tad", family_name="Tagg", company="Globex")
    tag = TagFactory(owner=alice, name="mentor")
    tagged.tags.add(tag)
    # Named, like the others: Faker's random last name is now and then "Smith".
    introduced = ContactFactory(
        owner=alice, given_name="Ina", family_name="Reed", introduced_by=smith, company="Initech", title="Engineer"
    )

    def ids(query: str) -> list[int]:
        response = api.get(LIST + query)
        assert response.status_code == 200, response.json()
        return [row["id"] for row in response.json()["results"]]

    assert ids("?q=smith") == [smith.pk]
    assert ids(f"?tag={tag.pk}") == [tagged.pk]
    assert ids("?stage=ally") == [smith.pk]
    assert ids(f"?introduced_by={smith.pk}") == [introduced.pk]
    assert ids("?company=glob") == [tagged.pk]
    assert len(ids("?keep_in_touch=never")) == 4


def test_a_bad_filter_value_is_a_400_naming_it(api, alice, bob):
    bobs = ContactFactory(owner=bob)
    response = api.get(LIST + f"?introduced_by={bobs.pk}&stage=boss")
    assert response.status_code == 400
    assert set(response.json()) == {"introduced_by", "stage"}


def test_the_list_pages_with_cursors(api, alice):
    ContactFactory.create_batch(5, owner=alice)
    first = api.get(LIST + "?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"] and first["previous"] is None
    second = api.get(first["next"]).json()
    assert {r["id"] for r in first["results"]}.isdisjoint({r["id"] for r in second["results"]})


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    tag = TagFactory(owner=alice)
    for contact in ContactFactory.create_batch(count, owner=alice):
        contact.tags.add(tag)
    # the token with its owner, the page of contacts, their tags
    with django_assert_num_queries(3):
        response = api.get(LIST)
    assert len(response.json()["results"]) == count


def test_creating_a_contact_goes_through_save_contact(api, alice):
    introducer = ContactFactory(owner=alice)
    tag = TagFactory(owner=alice)
    response = api.post(
        LIST,
        {
            "given_name": "Ken",
            "family_name": "Watanabe",
            "emails": ["KEN@Example.org"],
            "introduced_by": introducer.pk,
            "tags": [tag.pk],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    ken = Contact.objects.get(pk=response.json()["id"])
    assert ken.owner == alice
    assert ken.emails == ["ken@example.org"]
    # save_contact's rule: an introduced contact is marked as met through an introduction.
    assert ken.source == Source.INTRODUCTION
    assert list(ken.tags.all()) == [tag]


def test_another_users_contact_or_tag_is_a_400_naming_the_field(api, alice, bob):
    bobs = ContactFactory(owner=bob)
    bobs_tag = TagFactory(owner=bob)
    response = api.post(LIST, {"given_name": "Ken", "introduced_by": bobs.pk, "tags": [bobs_tag.pk]}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"introduced_by", "tags"}
    assert not Contact.objects.filter(owner=alice).exists()


def test_validation_errors_name_the_field(api, alice):
    response = api.post(
        LIST, {"emails": ["not an email"], "stage": "boss", "website": "nope", "cadence_days": 0}, format="json"
    )
    assert response.status_code == 400
    assert {"emails", "stage", "website", "cadence_days"} <= set(response.json())
    response = api.post(LIST, {"notes": "nobody"}, format="json")
    assert response.status_code == 400 and "given_name" in response.json()


def test_malformed_json_is_a_400(api, alice):
    response = api.generic("POST", LIST, "{not json", content_type="application/json")
    assert response.status_code == 400


def test_reading_updating_and_deleting_a_contact(api, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", company="Acme")
    assert api.get(detail(ken)).json()["given_name"] == "Ken"
    response = api.patch(detail(ken), {"company": "Globex", "stage": "ally"}, format="json")
    assert response.status_code == 200, response.json()
    ken.refresh_from_db()
    assert (ken.company, ken.stage) == ("Globex", "ally")
    assert "globex" in ken.search_text
    response = api.put(detail(ken), {"given_name": "Kenji"}, format="json")
    assert response.status_code == 200
    assert api.delete(detail(ken)).status_code == 204
    assert not Contact.objects.filter(pk=ken.pk).exists()


def test_an_introduction_loop_is_refused(api, alice):
    ann = ContactFactory(owner=alice)
    ben = ContactFactory(owner=alice, introduced_by=ann)
    response = api.patch(detail(ann), {"introduced_by": ben.pk}, format="json")
    assert response.status_code == 400 and "introduced_by" in response.json()


def test_last_contacted_is_not_writable(api, alice):
    ken = ContactFactory(owner=alice)
    api.patch(detail(ken), {"last_contacted_at": (NOW - timedelta(days=1)).isoformat()}, format="json")
    ken.refresh_from_db()
    assert ken.last_contacted_at is None


def test_guards(alice, assert_api_guards):
    ken = ContactFactory(owner=alice)
    assert_api_guards("get", LIST, owned=False)
    assert_api_guards("post", LIST, data={"given_name": "Ken"}, write=True, owned=False)
    assert_api_guards("get", detail(ken))
    assert_api_guards("patch", detail(ken), data={"company": "X"}, write=True)
    assert_api_guards("put", detail(ken), data={"given_name": "X"}, write=True)
    assert_api_guards("delete", detail(ken), write=True)
    assert Contact.objects.get(pk=ken.pk).company == ken.company


@pytest.mark.parametrize("pk", ["abc", "99999999999999999999"])
def test_an_id_that_is_no_id_is_a_404(api, alice, pk):
    assert api.get(f"{LIST}{pk}/").status_code == 404
    assert api.get(f"{LIST}?tag={pk}").status_code == 400
