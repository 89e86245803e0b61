from __future__ import annotations

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from contacts.models import Stage
from contacts.pagination import SORTS, decode_cursor, encode_cursor
from contacts.tests.factories import ContactFactory, ImportRunFactory, InteractionFactory, TagFactory, grow_network

pytestmark = pytest.mark.django_db

URL = reverse("contacts:list")


def names(response) -> list[str]:
    return [contact.full_name for contact in response.context["contacts"]]


def test_the_list_shows_only_my_network(alice_client, alice, bob):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    ContactFactory(owner=bob, given_name="Bobs", family_name="Friend")

    response = alice_client.get(URL)

    assert response.status_code == 200
    assert names(response) == ["Ken Sato"]
    assert "Bobs Friend" not in response.content.decode()


def test_search_matches_every_word_in_name_company_title_email_and_notes(alice_client, alice):
    ContactFactory(owner=alice, given_name="Ken", family_name="Smith", company="Acme", notes="Met at the PMI dinner")
    ContactFactory(owner=alice, given_name="Ann", family_name="Smith", company="Globex")
    ContactFactory(owner=alice, given_name="Raj", family_name="Patel", company="Acme")

    assert names(alice_client.get(URL, {"q": "smith"})) == ["Ann Smith", "Ken Smith"]
    assert names(alice_client.get(URL, {"q": "SMITH acme"})) == ["Ken Smith"]
    assert names(alice_client.get(URL, {"q": "pmi"})) == ["Ken Smith"]
    assert names(alice_client.get(URL, {"q": "ken.smith@example"})) == ["Ken Smith"]


def test_filters_narrow_by_tag_stage_source_company_and_introducer(alice_client, alice):
    hiring = TagFactory(owner=alice, name="Hiring")
    alice_intro = ContactFactory(owner=alice, given_name="Alice", family_name="Archer", company="Initech")
    ken = ContactFactory(
        owner=alice, given_name="Ken", family_name="Sato", stage=Stage.ALLY, source="alumni", company="Acme Corp"
    )
    ken.tags.add(hiring)
    ContactFactory(owner=alice, given_name="Mia", family_name="Lund", introduced_by=alice_intro, company="Globex")

    assert names(alice_client.get(URL, {"tag": hiring.pk})) == ["Ken Sato"]
    assert names(alice_client.get(URL, {"stage": "ally"})) == ["Ken Sato"]
    assert names(alice_client.get(URL, {"source": "alumni"})) == ["Ken Sato"]
    assert names(alice_client.get(URL, {"company": "acme"})) == ["Ken Sato"]
    response = alice_client.get(URL, {"introduced_by": alice_intro.pk})
    assert names(response) == ["Mia Lund"]
    assert "Introduced by Alice Archer" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_keep_in_touch_filter_finds_the_going_cold_and_the_never_contacted(alice_client, alice):
    cold = ContactFactory(owner=alice, given_name="Cold", family_name="One", stage=Stage.ALLY)  # every 30 days
    InteractionFactory(owner=alice, contact=cold)
    cold.last_contacted_at = NOW.replace(month=1)
    cold.save()
    ContactFactory(owner=alice, given_name="Never", family_name="Met")

    assert names(alice_client.get(URL, {"keep_in_touch": "going_cold"})) == ["Cold One"]
    assert names(alice_client.get(URL, {"keep_in_touch": "never"})) == ["Never Met"]


def test_one_tags_query_fills_the_tag_filter_and_the_bulk_bar_with_my_tags_only(alice_client, alice, bob):
    hiring = TagFactory(owner=alice, name="Hiring")
    mentor = TagFactory(owner=alice, name="Mentor")
    TagFactory(owner=bob, name="Bobs secret")

    page = alice_client.get(URL, {"tag": mentor.pk}).content.decode()

    tag_filter = page.split('id="filter-tag"')[1].split("</select>")[0]
    assert '<option value="">Any tag</option>' in tag_filter
    assert f'<option value="{hiring.pk}">Hiring</option>' in tag_filter
    assert f'<option value="{mentor.pk}" selected>Mentor</option>' in tag_filter
    bulk_bar = page.split('id="bulk-tag"')[1].split("</select>")[0]
    assert "Hiring" in bulk_bar and "Mentor" in bulk_bar
    assert "Bobs secret" not in page


def test_a_filter_naming_bobs_tag_or_contact_is_ignored_with_a_message(alice_client, alice, bob):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    bobs_tag = TagFactory(owner=bob)
    bobs_contact = ContactFactory(owner=bob)

    response = alice_client.get(URL, {"tag": bobs_tag.pk, "introduced_by": bobs_contact.pk, "stage": "bogus"})

    assert response.status_code == 200
    assert names(response) == ["Ken Sato"]
    page = response.content.decode()
    assert "were not understood" in page
    # Each left-out filter is named, with why.
    assert "<li>Tag: the tag is not one of yours (it may have been deleted).</li>" in page
    assert "<li>Introduced by: that person is not in your network.</li>" in page
    assert "<li>Stage: “bogus” is not a stage.</li>" in page


def test_keyset_pages_walk_the_whole_list_forwards_and_back_without_repeats(alice_client, alice):
    grow_network(alice, 120)
    seen, cursor, pages = [], "", []
    while True:
        response = alice_client.get(URL, {"sort": "name", "after": cursor} if cursor else {"sort": "name"})
        page = response.context["page"]
        pages.append(page)
        seen += [c.pk for c in page]
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert len(seen) == len(set(seen)) == 120
    assert len(pages) == 3

    back = alice_client.get(URL, {"sort": "name", "before": pages[2].previous_cursor}).context["page"]
    assert [c.pk for c in back] == [c.pk for c in pages[1]]


@time_machine.travel(NOW, tick=False)
def test_recently_contacted_puts_the_never_contacted_last_and_pages_through_them(alice_client, alice):
    people = grow_network(alice, 60)
    for days, person in enumerate(people[:30]):
        person.last_contacted_at = NOW.replace(day=1).replace(hour=days % 24)
        person.save()
    seen, cursor = [], ""
    while True:
        page = alice_client.get(URL, {"sort": "contacted", "after": cursor}).context["page"]
        seen += list(page)
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert len({c.pk for c in seen}) == 60
    stamps = [c.last_contacted_at for c in seen]
    assert all(stamp is not None for stamp in stamps[:30]) and all(stamp is None for stamp in stamps[30:])


def test_a_tampered_cursor_shows_the_first_page(alice_client, alice):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")

    response = alice_client.get(URL, {"after": "not-a-cursor!!"})

    assert response.status_code == 200
    assert names(response) == ["Ken Sato"]
    assert decode_cursor(encode_cursor(["x", 1]), SORTS["name"]) is None  # wrong length
    assert decode_cursor(encode_cursor([1, "a", 3]), SORTS["name"]) is None  # wrong types


def test_the_count_stops_at_a_cap_rather_than_counting_everyone(alice_client, alice, monkeypatch):
    monkeypatch.setattr("contacts.views.network.COUNT_CAP", 100)
    grow_network(alice, 101)

    response = alice_client.get(URL)

    assert response.context["found_more"] is True
    assert "100+ people in your network" in response.content.decode()


@pytest.mark.parametrize("size", [10, 1000])
def test_the_list_and_search_make_the_same_queries_at_10_and_1000_contacts(
    alice_client, alice, size, django_assert_max_num_queries
):
    tag = TagFactory(owner=alice, name="Hiring")
    grow_network(alice, size, tag=tag)
    # session, user, capped count, the page (its rows' tag ids in it), and the tags (one
    # query for the filter's select, the bulk bar and the rows' badges): 5.
    with django_assert_max_num_queries(5):
        response = alice_client.get(URL)
    assert len(response.context["contacts"]) == min(size, 50)
    # A search's first page counts its matches in the page query: 4.
    with django_assert_max_num_queries(4):
        response = alice_client.get(URL, {"q": "smith acme", "sort": "company"})
    assert response.context["contacts"]


def test_a_search_counts_its_matches_exactly(alice_client, alice):
    grow_network(alice, 60)  # a quarter are Smiths

    response = alice_client.get(URL, {"q": "smith"})

    assert response.context["found"] == 15
    assert "15 matches" in response.content.decode()


def test_the_rows_link_to_each_contact_and_their_tags(alice_client, alice):
    hiring = TagFactory(owner=alice, name="Hiring <b>", color="#b91c1c")
    ken = ContactFactory(owner=alice, given_name="Ken <i>", family_name="Sato")
    ken.tags.add(hiring)

    body = alice_client.get(URL).content.decode()

    assert f'href="{ken.get_absolute_url()}">Ken &lt;i&gt; Sato</a>' in body
    assert f'href="{hiring.get_absolute_url()}">Hiring &lt;b&gt;</a>' in body


def test_a_rows_tags_are_shown_by_name_and_only_on_their_contacts(alice_client, alice):
    hiring = TagFactory(owner=alice, name="Hiring")
    alumni = TagFactory(owner=alice, name="Alumni")
    TagFactory(owner=alice, name="Mentor")
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    ken.tags.add(hiring, alumni)
    ContactFactory(owner=alice, given_name="Ann", family_name="Lee")

    response = alice_client.get(URL)

    rows = {contact.full_name: [tag.name for tag in contact.tag_list] for contact in response.context["contacts"]}
    assert rows == {"Ken Sato": ["Alumni", "Hiring"], "Ann Lee": []}


def test_the_import_filter_shows_only_the_people_that_import_created(alice_client, alice):
    run = ImportRunFactory(owner=alice, file_name="Connections.csv")
    other_run = ImportRunFactory(owner=alice)
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato", import_run=run)
    ContactFactory(owner=alice, given_name="Mia", family_name="Lund", import_run=other_run)
    ContactFactory(owner=alice, given_name="Typed", family_name="In")

    response = alice_client.get(URL, {"import_run": run.pk})

    assert names(response) == ["Ken Sato"]
    assert response.context["found"] == 1
    assert "Created by the import of Connections.csv" in response.content.decode()


def test_bobs_import_run_is_ignored_with_a_message_like_any_other_foreign_filter(alice_client, alice, bob):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    bobs_run = ImportRunFactory(owner=bob)
    ContactFactory(owner=bob, given_name="Bobs", family_name="Import", import_run=bobs_run)

    response = alice_client.get(URL, {"import_run": bobs_run.pk})

    assert response.status_code == 200
    assert names(response) == ["Ken Sato"]
    assert "were not understood" in response.content.decode()
    assert "Bobs Import" not in response.content.decode()


def test_a_malformed_import_id_is_ignored_with_a_message(alice_client, alice):
    ContactFactory(owner=alice, given_name="Ken", family_name="Sato")

    response = alice_client.get(URL, {"import_run": "latest"})

    assert response.status_code == 200
    assert names(response) == ["Ken Sato"]
    assert "were not understood" in response.content.decode()


@pytest.mark.parametrize("size", [10, 1000])
def test_the_import_filter_makes_the_same_queries_at_10_and_1000_contacts(
    alice_client, alice, size, django_assert_max_num_queries
):
    run = ImportRunFactory(owner=alice)
    grow_network(alice, size, import_run=run)
    # session, user, the import run (validating the filter), capped count, the page (its
    # rows' tag ids in it), the tags (the filter's select, the bulk bar, the badges): 6.
    with django_assert_max_num_queries(6):
        response = alice_client.get(URL, {"import_run": run.pk})
    assert len(response.context["contacts"]) == min(size, 50)
