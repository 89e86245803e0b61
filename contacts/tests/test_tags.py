from __future__ import annotations

import pytest
from django.urls import reverse

from contacts.models import Tag
from contacts.tests.factories import ContactFactory, TagFactory

pytestmark = pytest.mark.django_db


def test_the_tag_list_shows_my_tags_with_how_many_people_wear_them(
    alice_client, alice, bob, django_assert_max_num_queries
):
    hiring = TagFactory(owner=alice, name="Hiring", color="#b91c1c")
    ContactFactory(owner=alice).tags.add(hiring)
    TagFactory(owner=bob, name="Bobs tag")

    # session, user, tags with counts: 3.
    with django_assert_max_num_queries(3):
        response = alice_client.get(reverse("contacts:tags"))

    body = response.content.decode()
    assert "nw-tag-b91c1c" in body and "1 person" in body
    assert "Bobs tag" not in body


def test_creating_a_tag_with_a_colour(alice_client, alice):
    response = alice_client.post(reverse("contacts:tag_create"), {"name": "Mentor", "color": "#0f766e"})

    assert response.status_code == 302
    assert Tag.objects.get(owner=alice, name="Mentor").css_class == "nw-tag-0f766e"


def test_a_duplicate_name_or_unknown_colour_is_refused(alice_client, alice):
    TagFactory(owner=alice, name="Hiring")

    response = alice_client.post(reverse("contacts:tag_create"), {"name": "hiring", "color": "red; x"})

    body = response.content.decode()
    assert "You already have a tag with that name." in body
    assert "Select a valid choice" in body
    assert Tag.objects.count() == 1


def test_editing_and_deleting_a_tag(alice_client, alice):
    tag = TagFactory(owner=alice, name="Hiring", color="#3366cc")
    ken = ContactFactory(owner=alice)
    ken.tags.add(tag)

    assert "#3366cc" in alice_client.get(reverse("contacts:tag_update", args=[tag.pk])).content.decode()
    alice_client.post(reverse("contacts:tag_update", args=[tag.pk]), {"name": "Hiring now", "color": "#3366cc"})
    tag.refresh_from_db()
    assert tag.name == "Hiring now"

    assert "comes off 1 person" in alice_client.get(reverse("contacts:tag_delete", args=[tag.pk])).content.decode()
    alice_client.post(reverse("contacts:tag_delete", args=[tag.pk]))
    assert not Tag.objects.exists()
    assert ken.__class__.objects.filter(pk=ken.pk).exists()


def test_bob_cannot_edit_or_delete_alices_tags(alice, assert_hidden_from_bob):
    tag = TagFactory(owner=alice)
    for name in ("contacts:tag_update", "contacts:tag_delete"):
        assert_hidden_from_bob(reverse(name, args=[tag.pk]))
        assert_hidden_from_bob(reverse(name, args=[tag.pk]), method="post", data={"name": "x"})
    assert Tag.objects.filter(pk=tag.pk, name=tag.name).exists()


def test_the_tag_list_is_sorted_by_name_whatever_the_case(alice_client, alice):
    for name in ("zurich", "Alumni", "mentors", "acme", "Board"):
        TagFactory(owner=alice, name=name)

    response = alice_client.get(reverse("contacts:tags"))

    assert [tag.name for tag in response.context["object_list"]] == ["acme", "Alumni", "Board", "mentors", "zurich"]
