"""The one-button actions on a contact's page and the list: touch, give/get, links, bulk tags, lookup."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from contacts.models import ContactLink, Interaction, LedgerEntry, Tag
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db


@time_machine.travel(NOW, tick=False)
def test_logging_a_touch_records_it_and_restarts_the_clock(alice_client, alice, django_assert_max_num_queries):
    ken = ContactFactory(owner=alice, last_contacted_at=None)
    # session, user, contact, savepoint pair, stage moved on (a call), insert, clock update,
    # close the open keep-in-touch, + messages: at most 10.
    with django_assert_max_num_queries(10):
        response = alice_client.post(
            reverse("contacts:log_touch", args=[ken.pk]),
            {"occurred_at": "2026-03-03T16:00", "channel": "call", "note": "Talked about Acme"},
        )

    assert response.status_code == 302 and response.url == ken.get_absolute_url()
    touch = Interaction.objects.get(contact=ken)
    assert (touch.channel, touch.note, touch.owner) == ("call", "Talked about Acme", alice)
    ken.refresh_from_db()
    assert ken.last_contacted_at == dt.datetime(2026, 3, 3, 16, tzinfo=dt.UTC)


@time_machine.travel(NOW, tick=False)
def test_an_older_touch_never_moves_the_clock_back(alice_client, alice):
    ken = ContactFactory(owner=alice)
    ken.last_contacted_at = NOW - dt.timedelta(days=1)
    ken.save()

    alice_client.post(
        reverse("contacts:log_touch", args=[ken.pk]), {"occurred_at": "2025-01-01T10:00", "channel": "email"}
    )

    ken.refresh_from_db()
    assert ken.last_contacted_at == NOW - dt.timedelta(days=1)


@time_machine.travel(NOW, tick=False)
def test_a_touch_in_the_future_is_refused_and_nothing_is_saved(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("contacts:log_touch", args=[ken.pk]), {"occurred_at": "2026-04-01T10:00", "channel": "email"}
    )

    assert response.status_code == 400
    assert "cannot be in the future" in response.content.decode()
    assert not Interaction.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_recording_an_exchange_adds_to_the_ledger(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("contacts:add_exchange", args=[ken.pk]),
        {"direction": "received", "kind": "job_lead", "description": "PM role at Globex", "occurred_on": "2026-03-02"},
    )

    assert response.status_code == 302
    entry = LedgerEntry.objects.get(contact=ken)
    assert (entry.direction, entry.kind, entry.owner) == ("received", "job_lead", alice)


def test_an_exchange_without_a_direction_is_refused(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(reverse("contacts:add_exchange", args=[ken.pk]), {"kind": "advice"})

    assert response.status_code == 400
    assert not LedgerEntry.objects.exists()


def test_linking_two_people_and_removing_the_link(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    boss = ContactFactory(owner=alice, given_name="Hiring", family_name="Manager")

    alice_client.post(
        reverse("contacts:add_link", args=[ken.pk]), {"knows": f"Hiring Manager (#{boss.pk})", "note": "old boss"}
    )
    link = ContactLink.objects.get()
    assert (link.person, link.knows, link.note, link.owner) == (ken, boss, "old boss", alice)

    response = alice_client.post(reverse("contacts:remove_link", args=[link.pk]), {"from": boss.pk})
    assert response.url == boss.get_absolute_url()
    assert not ContactLink.objects.exists()


def test_a_link_that_exists_the_other_way_round_or_to_themselves_is_refused(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    boss = ContactFactory(owner=alice, given_name="Hiring", family_name="Manager")
    ContactLinkFactory(owner=alice, person=boss, knows=ken)
    url = reverse("contacts:add_link", args=[ken.pk])

    assert "already noted" in alice_client.post(url, {"knows": f"x (#{boss.pk})"}).content.decode()
    assert "knows themselves" in alice_client.post(url, {"knows": f"x (#{ken.pk})"}).content.decode()
    assert ContactLink.objects.count() == 1


def test_bulk_tagging_tags_the_ticked_people_with_a_new_or_existing_tag(alice_client, alice):
    ken, maria, other = ContactFactory.create_batch(3, owner=alice)

    response = alice_client.post(
        reverse("contacts:bulk_tag"),
        {"contacts": [ken.pk, maria.pk], "new_tag": "Hiring", "action": "add", "next": "/contacts/?q=x"},
    )

    assert response.url == "/contacts/?q=x"
    hiring = Tag.objects.get(owner=alice, name="Hiring")
    assert set(hiring.contacts.all()) == {ken, maria}

    alice_client.post(reverse("contacts:bulk_tag"), {"contacts": [ken.pk], "tag": hiring.pk, "action": "remove"})
    assert set(hiring.contacts.all()) == {maria}


def bulk_tag_message(client, people, **data) -> str:
    response = client.post(reverse("contacts:bulk_tag"), {"contacts": [p.pk for p in people], **data}, follow=True)
    return [str(m) for m in response.context["messages"]][-1]


def test_bulk_tagging_says_how_many_gained_the_tag_and_how_many_already_had_it(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    maria, omar = ContactFactory.create_batch(2, owner=alice)

    assert bulk_tag_message(alice_client, [ken, maria], new_tag="Mentor", action="add") == "Tagged 2 people “Mentor”."
    mentor = Tag.objects.get(owner=alice, name="Mentor")
    assert (
        bulk_tag_message(alice_client, [ken, maria, omar], tag=mentor.pk, action="add")
        == "Tagged 1 person “Mentor” (2 already had it)."
    )
    assert bulk_tag_message(alice_client, [ken], tag=mentor.pk, action="add") == "Ken Sato already had “Mentor”."
    assert bulk_tag_message(alice_client, [ken, maria], tag=mentor.pk, action="add") == "Both already had “Mentor”."
    assert (
        bulk_tag_message(alice_client, [ken, maria, omar], tag=mentor.pk, action="add") == "All 3 already had “Mentor”."
    )


def test_bulk_untagging_says_how_many_lost_the_tag_and_how_many_did_not_have_it(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    maria, omar = ContactFactory.create_batch(2, owner=alice)
    mentor = TagFactory(owner=alice, name="Mentor")
    ken.tags.add(mentor)
    maria.tags.add(mentor)

    assert (
        bulk_tag_message(alice_client, [ken, omar], tag=mentor.pk, action="remove")
        == "Removed “Mentor” from 1 person (1 did not have it)."
    )
    assert bulk_tag_message(alice_client, [maria], tag=mentor.pk, action="remove") == "Removed “Mentor” from 1 person."
    assert bulk_tag_message(alice_client, [ken], tag=mentor.pk, action="remove") == "Ken Sato did not have “Mentor”."
    assert bulk_tag_message(alice_client, [ken, maria], tag=mentor.pk, action="remove") == "Neither had “Mentor”."
    assert (
        bulk_tag_message(alice_client, [ken, maria, omar], tag=mentor.pk, action="remove")
        == "None of the 3 had “Mentor”."
    )


def test_bulk_tagging_refuses_bobs_people_and_a_missing_tag(alice_client, alice, bob):
    bobs_friend = ContactFactory(owner=bob)
    mine = ContactFactory(owner=alice)
    bobs_tag = TagFactory(owner=bob)

    alice_client.post(reverse("contacts:bulk_tag"), {"contacts": [bobs_friend.pk], "new_tag": "Mine", "action": "add"})
    alice_client.post(reverse("contacts:bulk_tag"), {"contacts": [mine.pk], "tag": bobs_tag.pk, "action": "add"})
    response = alice_client.post(reverse("contacts:bulk_tag"), {"contacts": [mine.pk], "action": "add"}, follow=True)

    assert "Choose a tag, or type a new one." in response.content.decode()
    assert not bobs_friend.tags.exists() and not mine.tags.exists()
    assert not Tag.objects.filter(owner=alice).exists()


def test_an_offsite_next_address_is_not_followed(alice_client, alice):
    ken = ContactFactory(owner=alice)
    response = alice_client.post(
        reverse("contacts:bulk_tag"), {"contacts": [ken.pk], "new_tag": "x", "next": "https://evil.example/"}
    )
    assert response.url == reverse("contacts:list")


def test_the_lookup_suggests_only_my_people(alice_client, alice, bob):
    ContactFactory(owner=alice, given_name="Ken", family_name="Smith", company="Acme")
    ContactFactory(owner=bob, given_name="Kenny", family_name="Smith")

    results = alice_client.get(reverse("contacts:lookup"), {"q": "smith"}).json()["results"]

    assert [r["label"].split(" (#")[0] for r in results] == ["Ken Smith, Acme"]


def test_removing_a_touch_moves_the_clock_back_to_the_latest_remaining_touch(alice_client, alice):
    # A held meeting logs a touch too (see meetings' test_transitions), so touches are the only clock.
    ken = ContactFactory(owner=alice)
    older = dt.datetime(2026, 1, 10, 9, tzinfo=dt.UTC)
    InteractionFactory(owner=alice, contact=ken, occurred_at=older)
    latest = InteractionFactory(owner=alice, contact=ken, occurred_at=dt.datetime(2026, 2, 10, 9, tzinfo=dt.UTC))
    ken.last_contacted_at = latest.occurred_at
    ken.save()

    response = alice_client.post(reverse("contacts:remove_touch", args=[latest.pk]))

    assert response.url == ken.get_absolute_url()
    ken.refresh_from_db()
    assert ken.last_contacted_at == older
    assert list(Interaction.objects.filter(contact=ken).values_list("occurred_at", flat=True)) == [older]


def test_removing_a_ledger_line(alice_client, alice):
    entry = LedgerEntryFactory(owner=alice)

    response = alice_client.post(reverse("contacts:remove_exchange", args=[entry.pk]))

    assert response.url == entry.contact.get_absolute_url()
    assert not LedgerEntry.objects.exists()


def test_bob_cannot_remove_alices_touches_or_ledger_lines(alice, assert_hidden_from_bob):
    touch, entry = InteractionFactory(owner=alice), LedgerEntryFactory(owner=alice)
    assert_hidden_from_bob(reverse("contacts:remove_touch", args=[touch.pk]), method="post")
    assert_hidden_from_bob(reverse("contacts:remove_exchange", args=[entry.pk]), method="post")
    assert Interaction.objects.exists() and LedgerEntry.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "contacts:log_touch",
        "contacts:add_exchange",
        "contacts:add_link",
        "contacts:remove_link",
        "contacts:remove_touch",
        "contacts:remove_exchange",
    ],
)
def test_actions_answer_get_with_405(alice_client, alice, name):
    assert alice_client.get(reverse(name, args=[1])).status_code == 405


def test_bulk_tag_answers_get_with_405(alice_client):
    assert alice_client.get(reverse("contacts:bulk_tag")).status_code == 405


def test_bob_cannot_act_on_alices_contacts(alice, assert_hidden_from_bob):
    ken = ContactFactory(owner=alice)
    link = ContactLinkFactory(owner=alice, person=ken)
    for name in ("contacts:log_touch", "contacts:add_exchange", "contacts:add_link"):
        assert_hidden_from_bob(reverse(name, args=[ken.pk]), method="post")
    assert_hidden_from_bob(reverse("contacts:remove_link", args=[link.pk]), method="post")
    assert ContactLink.objects.filter(pk=link.pk).exists()


@time_machine.travel(NOW, tick=False)
def test_the_exchange_message_reads_as_a_sentence_with_a_capital_i(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.post(
        reverse("contacts:add_exchange", args=[ken.pk]),
        {"direction": "received", "kind": "advice", "occurred_on": "2026-03-02"},
        follow=True,
    )

    assert "Recorded: I received advice." in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_exchange_form_starts_with_i_gave_chosen_so_the_first_submit_works(alice_client, alice):
    ken = ContactFactory(owner=alice)

    form = alice_client.get(ken.get_absolute_url()).context["ledger_form"]
    radios = {str(choice.data["value"]): choice.data["selected"] for choice in form["direction"]}
    assert radios == {"gave": True, "received": False}  # no blank choice

    response = alice_client.post(
        reverse("contacts:add_exchange", args=[ken.pk]),
        {"direction": form["direction"].value(), "kind": "advice", "occurred_on": "2026-03-04"},
    )
    assert response.status_code == 302
    assert LedgerEntry.objects.get(contact=ken).direction == "gave"
