"""'Not the same person' is remembered: the pair is never suggested again, and can be undone."""

from __future__ import annotations

import pytest
from django.db import IntegrityError
from django.urls import reverse

from contacts.duplicates import likely_duplicates
from contacts.models import NotDuplicate
from contacts.services import mark_not_duplicate, merge_contacts
from contacts.tests.factories import ContactFactory, InteractionFactory

pytestmark = pytest.mark.django_db


def twins(owner, email="ann@x.example", **extra):
    return (
        ContactFactory(owner=owner, given_name="Ann", family_name="Lee", emails=[email], **extra),
        ContactFactory(owner=owner, given_name="Ann", family_name="Lee", emails=[email.upper()], **extra),
    )


def test_the_pair_is_stored_once_in_canonical_order(alice):
    one, two = twins(alice)
    mark_not_duplicate(two, one)
    mark_not_duplicate(one, two)

    pair = NotDuplicate.objects.get()
    assert (pair.first_id, pair.second_id) == (min(one.pk, two.pk), max(one.pk, two.pk))
    with pytest.raises(IntegrityError):
        NotDuplicate.objects.create(owner=alice, first=pair.second, second=pair.first)


def test_a_pair_told_apart_is_never_suggested_again(alice):
    one, two = twins(alice)
    other_one, other_two = twins(alice, email="raj@x.example")
    mark_not_duplicate(one, two)

    groups, total = likely_duplicates(alice)

    assert [{c.pk for c in g.contacts} for g in groups] == [{other_one.pk, other_two.pk}]
    assert total == 1


def test_in_a_group_of_three_only_the_member_told_apart_leaves(alice):
    one, two = twins(alice)
    three = ContactFactory(owner=alice, given_name="Ann", family_name="Lee", emails=["ann@x.example"])
    InteractionFactory(owner=alice, contact=one)  # one has more history: the suggested record
    mark_not_duplicate(one, three)

    groups, _ = likely_duplicates(alice)

    assert [[c.pk for c in g.contacts] for g in groups] == [[one.pk, two.pk]]


def test_suggested_to_keep_is_the_record_with_more_history_then_the_older(alice):
    older, newer = twins(alice)
    groups, _ = likely_duplicates(alice)
    assert groups[0].survivor == older

    InteractionFactory(owner=alice, contact=newer)
    groups, _ = likely_duplicates(alice)
    assert groups[0].survivor == newer


def test_the_duplicates_page_button_remembers_the_pair(alice_client, alice):
    one, two = twins(alice)
    page = alice_client.get(reverse("contacts:duplicates")).content.decode()
    url = reverse("contacts:not_duplicate", args=[one.pk, two.pk])
    assert url in page

    response = alice_client.post(url)

    assert response.url == reverse("contacts:duplicates")
    assert NotDuplicate.objects.filter(owner=alice).count() == 1
    page = alice_client.get(reverse("contacts:duplicates"))
    assert page.context["groups"] == []
    assert "These are the same after all" in page.content.decode()


def test_the_merge_page_offers_not_the_same_person(alice_client, alice):
    one, two = twins(alice)
    page = alice_client.get(reverse("contacts:merge", args=[one.pk, two.pk])).content.decode()
    assert reverse("contacts:not_duplicate", args=[one.pk, two.pk]) in page


def test_the_same_after_all_undoes_it(alice_client, alice):
    one, two = twins(alice)
    pair = mark_not_duplicate(one, two)

    response = alice_client.post(reverse("contacts:same_after_all", args=[pair.pk]))

    assert response.url == reverse("contacts:duplicates")
    assert not NotDuplicate.objects.exists()
    groups, _ = likely_duplicates(alice)
    assert len(groups) == 1


def test_a_merge_carries_the_duplicates_told_apart_pairs_to_the_survivor(alice):
    keep, dup = twins(alice)
    stranger = ContactFactory(owner=alice)
    mark_not_duplicate(dup, stranger)

    merge_contacts(keep, duplicate=dup)

    pair = NotDuplicate.objects.get()
    assert {pair.first_id, pair.second_id} == {keep.pk, stranger.pk}


def test_telling_apart_is_private(alice, bob, assert_hidden_from_bob):
    one, two = twins(alice)
    assert_hidden_from_bob(reverse("contacts:not_duplicate", args=[one.pk, two.pk]), method="post")
    pair = mark_not_duplicate(one, two)
    assert_hidden_from_bob(reverse("contacts:same_after_all", args=[pair.pk]), method="post")
    assert NotDuplicate.objects.filter(pk=pair.pk).exists()


def test_the_actions_answer_get_with_405(alice_client, alice):
    one, two = twins(alice)
    assert alice_client.get(reverse("contacts:not_duplicate", args=[one.pk, two.pk])).status_code == 405
    pair = mark_not_duplicate(one, two)
    assert alice_client.get(reverse("contacts:same_after_all", args=[pair.pk])).status_code == 405


def test_a_contact_cannot_be_told_apart_from_itself(alice_client, alice):
    one, _ = twins(alice)
    response = alice_client.post(reverse("contacts:not_duplicate", args=[one.pk, one.pk]))
    assert response.status_code == 302
    assert not NotDuplicate.objects.exists()


def test_the_duplicates_page_query_count_stays_constant(alice_client, alice, django_assert_max_num_queries):
    for index in range(12):
        # A company per pair: Faker's random companies could otherwise pair two "Ann Lee"s
        # of different pairs by name and company, one group more than the test means.
        one, two = twins(alice, email=f"p{index}@x.example", company=f"Firm {index}")
        if index % 3 == 0:
            mark_not_duplicate(one, two)

    # session, user, the grouping query (with the told-apart pairs), the contacts with
    # their counts, the told-apart list with both names: 5, however many groups and pairs.
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("contacts:duplicates"))
    assert len(response.context["groups"]) == 8
    assert len(response.context["dismissed"]) == 4
