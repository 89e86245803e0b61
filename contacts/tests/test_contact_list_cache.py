"""The contact list remembers which contacts are on a page, per owner version, and never shows
a stale page.

Warm, a page is read by id: a search does not visit its matches again. Each write path:
load the page (which remembers it), write through the service or the path a user takes
(not a page of the list, whose request would bump anyway), load it again and see the change.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.admin.sites import AdminSite
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.tests.factories import UserFactory
from api import services as api_services
from conftest import NOW
from contacts import services
from contacts.admin import ContactAdmin
from contacts.models import Contact, Stage
from contacts.tests.factories import ContactFactory, TagFactory, grow_network
from netweave.cache import bump_owner

pytestmark = pytest.mark.django_db

URL = reverse("contacts:list")


@pytest.fixture
def listed(alice_client):
    """The names on a page of alice's list, and how many match: ``listed(q="smith")``."""

    def load(**params: str) -> tuple[list[str], int]:
        response = alice_client.get(URL, params)
        assert response.status_code == 200
        return [contact.full_name for contact in response.context["contacts"]], response.context["found"]

    return load


def test_a_search_seen_again_reads_its_page_by_id_without_visiting_every_match(
    alice, alice_client, django_assert_num_queries
):
    grow_network(alice, 120)  # 30 Smiths
    bump_owner(alice.pk)  # as the services and write requests do; grow_network does not
    first = alice_client.get(URL, {"q": "smith"})

    # session, user, the page by id, the tags
    with django_assert_num_queries(4), CaptureQueriesContext(connection) as queries:
        again = alice_client.get(URL, {"q": "smith"})

    assert [c.pk for c in again.context["contacts"]] == [c.pk for c in first.context["contacts"]]
    assert again.context["found"] == first.context["found"] == 30
    page_query = queries.captured_queries[2]["sql"]
    assert "LIKE" not in page_query and '"id" IN' in page_query


def test_paging_through_a_search_and_back_shows_the_same_pages(alice, alice_client, listed):
    grow_network(alice, 240)  # 60 Smiths: two pages
    bump_owner(alice.pk)
    first = alice_client.get(URL, {"q": "smith"})
    after = first.context["page"].next_cursor
    second = alice_client.get(URL, {"q": "smith", "after": after})
    assert len(second.context["contacts"]) == 10 and second.context["found"] == 60

    for _ in range(2):  # read, then remembered
        again = alice_client.get(URL, {"q": "smith", "after": after})
        assert [c.pk for c in again.context["contacts"]] == [c.pk for c in second.context["contacts"]]
        back = alice_client.get(URL, {"q": "smith", "before": again.context["page"].previous_cursor})
        assert [c.pk for c in back.context["contacts"]] == [c.pk for c in first.context["contacts"]]
        assert back.context["page"].has_next and not back.context["page"].has_previous


def test_another_network_never_reads_my_remembered_page(alice, bob, listed, bob_client):
    ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    ContactFactory(owner=bob, given_name="Bo", family_name="Smith")
    assert listed(q="smith") == (["Ann Smith"], 1)

    response = bob_client.get(URL, {"q": "smith"})

    assert [c.full_name for c in response.context["contacts"]] == ["Bo Smith"]


def test_adding_renaming_and_deleting_a_contact(alice, alice_client, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith", emails=["ann@example.org"])
    assert listed(q="smith") == (["Ann Smith"], 1)

    services.save_contact(Contact(owner=alice, given_name="Ben", family_name="Smith"))
    assert listed(q="smith") == (["Ann Smith", "Ben Smith"], 2)

    ann.family_name = "Jones"
    services.save_contact(ann)
    assert listed(q="smith") == (["Ben Smith"], 1)
    assert listed(q="jones") == (["Ann Jones"], 1)

    # Deleting has no service: the page's POST is what bumps.
    ben = Contact.objects.get(owner=alice, given_name="Ben")
    alice_client.post(reverse("contacts:delete", args=[ben.pk]))
    assert listed(q="smith") == ([], 0)


def test_a_name_changed_without_a_bump_still_shows_as_the_database_has_it(alice, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    assert listed(q="smith") == (["Ann Smith"], 1)

    Contact.objects.filter(pk=ann.pk).update(given_name="Anna")  # a raw write, as a lost bump would leave

    assert listed(q="smith") == (["Anna Smith"], 1)


def test_tagging_and_untagging_in_bulk(alice, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    hiring = TagFactory(owner=alice, name="Hiring")
    assert listed(tag=str(hiring.pk)) == ([], 0)

    services.tag_contacts([ann], tag=hiring)
    assert listed(tag=str(hiring.pk)) == (["Ann Smith"], 1)

    services.untag_contacts([ann], tag=hiring)
    assert listed(tag=str(hiring.pk)) == ([], 0)


def test_a_new_tag_from_the_bulk_bar_filters_at_once(alice, alice_client, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    tag, created = services.find_or_create_tag(alice, name="Mentors")
    assert created
    assert listed(tag=str(tag.pk)) == ([], 0)

    alice_client.post(reverse("contacts:bulk_tag"), {"contacts": [ann.pk], "tag": tag.pk, "action": "add"})

    assert listed(tag=str(tag.pk)) == (["Ann Smith"], 1)


def test_a_call_that_advances_their_stage_moves_them_between_stage_filters(alice, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith", stage=Stage.WANT_TO_MEET)
    assert listed(stage=Stage.WANT_TO_MEET) == (["Ann Smith"], 1)

    services.log_interaction(ann, occurred_at=NOW, channel="call")

    assert listed(stage=Stage.WANT_TO_MEET) == ([], 0)


def test_a_touch_reorders_recently_contacted(alice, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith", last_contacted_at=NOW - timedelta(days=9))
    ContactFactory(owner=alice, given_name="Ben", family_name="Jones", last_contacted_at=NOW - timedelta(days=2))
    assert listed(sort="contacted")[0] == ["Ben Jones", "Ann Smith"]

    services.log_interaction(ann, occurred_at=NOW - timedelta(hours=1), channel="call")

    assert listed(sort="contacted")[0] == ["Ann Smith", "Ben Jones"]


def test_merging_two_contacts(alice, listed):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    twin = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    assert listed(q="smith")[1] == 2

    services.merge_contacts(ann, duplicate=twin)

    assert listed(q="smith") == (["Ann Smith"], 1)


def test_a_write_through_the_api(alice, listed):
    _, token = api_services.create_token(alice, name="script")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert listed(q="smith") == ([], 0)

    created = api.post(
        "/api/v1/contacts/", {"given_name": "Ann", "family_name": "Smith"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert listed(q="smith") == (["Ann Smith"], 1)

    assert api.delete(f"/api/v1/contacts/{created.json()['id']}/").status_code == 204
    assert listed(q="smith") == ([], 0)


def test_an_admin_rename_and_delete_reach_the_owners_list(alice, listed, rf):
    ann = ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    ben = ContactFactory(owner=alice, given_name="Ben", family_name="Smith")
    assert listed(q="smith")[1] == 2
    admin = ContactAdmin(Contact, AdminSite())
    form_class = admin.get_form(rf.get("/"), ann)
    data = {name: field.prepare_value(getattr(ann, name, None)) for name, field in form_class.base_fields.items()}
    data.update(owner=alice.pk, family_name="Jones", emails="[]", phones="[]", tags=[])
    data = {key: "" if value is None else value for key, value in data.items()}
    form = form_class(data, instance=ann)
    assert form.is_valid(), form.errors
    form.save()
    assert listed(q="smith") == (["Ben Smith"], 1)

    request = rf.post("/")
    request.user = UserFactory(username="staff", is_staff=True, is_superuser=True)
    admin.delete_model(request, ben)
    assert listed(q="smith") == ([], 0)


def test_the_keep_in_touch_filter_moves_with_the_clock_between_two_writes(alice, listed, frozen):
    cadence = timedelta(days=alice.cadence_for_stage(Stage.ALLY))
    ContactFactory(
        owner=alice,
        given_name="Ann",
        family_name="Smith",
        stage=Stage.ALLY,
        last_contacted_at=NOW - cadence + timedelta(hours=1),
    )
    assert listed(keep_in_touch="going_cold") == ([], 0)

    frozen.shift(timedelta(hours=2))

    assert listed(keep_in_touch="going_cold") == (["Ann Smith"], 1)


def test_redis_down_still_lists_the_network(alice, redis_down, listed):
    ContactFactory(owner=alice, given_name="Ann", family_name="Smith")
    assert listed(q="smith") == (["Ann Smith"], 1)

    services.save_contact(Contact(owner=alice, given_name="Ben", family_name="Smith"))

    assert listed(q="smith") == (["Ann Smith", "Ben Smith"], 2)
