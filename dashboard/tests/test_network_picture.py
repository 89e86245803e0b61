from __future__ import annotations

import re

import pytest
from django.urls import reverse

from contacts.tests.factories import ContactFactory
from dashboard import network_picture
from dashboard.network_picture import introduction_picture

from .builders import build_network

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:network")


def given_name(node: network_picture.Node) -> str:
    assert node.contact is not None, "every drawn node has its contact"
    return node.contact.given_name


def test_the_picture_puts_introducers_on_the_first_ring_and_whom_they_introduced_outward(alice):
    ann = ContactFactory(owner=alice, given_name="Ann")
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=ann)
    maria = ContactFactory(owner=alice, given_name="Maria", introduced_by=ken)
    ContactFactory(owner=alice, given_name="Loner")

    picture = introduction_picture(alice)

    depths = {given_name(node): node.depth for node in picture.nodes}
    assert depths == {"Ann": 1, "Ken": 2, "Maria": 3}
    assert picture.roots[0].subtree_size == 2
    assert picture.total_introduced == 2
    by_id = {node.contact_id: node for node in picture.nodes}
    assert (by_id[maria.pk].parent_x, by_id[maria.pk].parent_y) == (by_id[ken.pk].x, by_id[ken.pk].y)


def test_a_large_network_is_cut_to_the_biggest_introducers_and_says_so(alice, monkeypatch):
    monkeypatch.setattr(network_picture, "MAX_ROOTS", 2)
    introducers = [ContactFactory(owner=alice, given_name=f"Intro{i}") for i in range(4)]
    for i, introducer in enumerate(introducers):
        for _ in range(i + 1):
            ContactFactory(owner=alice, introduced_by=introducer)

    picture = introduction_picture(alice)

    assert [root.contact for root in picture.roots] == [introducers[3], introducers[2]]
    assert picture.hidden_roots == 2
    assert picture.truncated


def test_depth_is_limited_and_the_hidden_people_are_counted(alice):
    chain = [ContactFactory(owner=alice, given_name="Root")]
    for i in range(5):
        chain.append(ContactFactory(owner=alice, given_name=f"Level{i}", introduced_by=chain[-1]))

    picture = introduction_picture(alice)

    assert max(node.depth for node in picture.nodes) == network_picture.MAX_DEPTH
    assert any(node.hidden_children for node in picture.nodes)


def test_the_page_draws_clickable_nodes_and_a_text_list(alice, alice_client):
    ann = ContactFactory(owner=alice, given_name="Ann")
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=ann)

    response = alice_client.get(URL)

    content = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="nw-network"' in content
    assert f'<a href="{reverse("contacts:detail", args=[ken.pk])}"' in content
    assert "The same network as a list" in content
    assert reverse("dashboard:network_from", args=[ann.pk]) in content


def test_centring_on_a_contact_shows_whom_they_introduced(alice, alice_client):
    ann = ContactFactory(owner=alice, given_name="Ann")
    ContactFactory(owner=alice, given_name="Ken", introduced_by=ann)

    response = alice_client.get(reverse("dashboard:network_from", args=[ann.pk]))

    assert "Introductions through Ann" in response.content.decode()
    assert [node.contact.given_name for node in response.context["picture"].nodes] == ["Ken"]


def test_an_empty_network_says_how_to_fill_the_picture(alice_client):
    assert "No introductions recorded yet" in alice_client.get(URL).content.decode()


def test_bob_cannot_centre_on_alices_contact_and_sees_none_of_her_network(alice, bob_client, assert_hidden_from_bob):
    network = build_network(alice, size=6)

    assert_hidden_from_bob(reverse("dashboard:network_from", args=[network["contacts"][1].pk]))
    assert "Person" not in bob_client.get(URL).content.decode()


def test_the_page_only_answers_get(alice_client):
    assert alice_client.post(URL).status_code == 405


@pytest.mark.parametrize("size", [3, 40])
def test_the_page_costs_the_same_number_of_queries_for_small_and_larger_networks(
    alice, alice_client, django_assert_max_num_queries, size
):
    build_network(alice, size=size)
    # session, user; the introduction pairs, the people drawn.
    with django_assert_max_num_queries(4):
        response = alice_client.get(URL)
    assert response.context["picture"].nodes


def test_the_text_version_nests_whom_each_person_introduced(alice):
    ann = ContactFactory(owner=alice, given_name="Ann")
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=ann)
    ContactFactory(owner=alice, given_name="Maria", introduced_by=ken)
    ContactFactory(owner=alice, given_name="Omar", introduced_by=ann)
    bea = ContactFactory(owner=alice, given_name="Bea")
    ContactFactory(owner=alice, given_name="Sam", introduced_by=bea)

    rows = network_picture.tree_rows(introduction_picture(alice).roots)

    outline = [(given_name(row.node), row.opens, len(row.closes)) for row in rows]
    assert outline == [
        ("Ann", True, 0),
        ("Ken", True, 0),
        ("Maria", False, 1),
        ("Omar", False, 1),
        ("Bea", True, 0),
        ("Sam", False, 1),
    ]


def test_an_inner_rings_labels_are_painted_over_the_outer_dots_they_cross(alice):
    """Labels run outward across the next ring; SVG paints in order, so the outer dots come first."""
    ann = ContactFactory(owner=alice, given_name="Ann")
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=ann)
    ContactFactory(owner=alice, given_name="Maria", introduced_by=ken)

    svg = introduction_picture(alice).svg_nodes

    assert svg.index("nw-depth-3") < svg.index("nw-depth-2") < svg.index("nw-depth-1")


def test_a_label_stops_short_of_the_next_ring_where_it_has_people_drawn(alice):
    long_name = {"given_name": "Maximiliana", "family_name": "Oyelaran-Featherstonehaugh"}
    introducer = ContactFactory(owner=alice, **long_name)
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=introducer)

    picture = introduction_picture(alice)
    nodes = {node.contact_id: node for node in picture.nodes}
    room = network_picture.RADII[2] - network_picture.RADII[1]

    label = re.search(r"<text[^>]*>(.*?)</text>", network_picture._svg_node(nodes[introducer.pk]))
    assert label is not None
    shown = label.group(1)
    assert shown.startswith("Maximiliana") and shown.endswith("… (1)")
    assert network_picture.LABEL_GAP + len(shown) * network_picture.LABEL_CHAR < room
    # A label with nobody drawn beyond it keeps the name up to the usual length.
    assert network_picture._name_room(nodes[ken.pk], 0) == network_picture.NAME_CHARS
