"""Rows of one network never point into another's: model validation, the admin, and check_owners."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.tests.factories import UserFactory
from contacts.models import Contact, ContactLink, ImportRun, Interaction, Tag
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    ImportRunFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)
from followups.tests.factories import FollowUpFactory
from meetings.models import Meeting, MeetingState, Question, Search
from meetings.tests.factories import MeetingFactory, QuestionFactory, SearchFactory
from netweave.ownership import CrossOwnerError, OwnedModel, owned_foreign_keys, owned_links

pytestmark = pytest.mark.django_db

# One saved row per model that owned rows point at. A new target model must be added here.
TARGETS = {
    Contact: ContactFactory,
    ImportRun: ImportRunFactory,
    Tag: TagFactory,
    Search: SearchFactory,
    Meeting: MeetingFactory,
    Question: QuestionFactory,
}


def every_owned_foreign_key():
    from django.apps import apps

    return [
        pytest.param(model, field, id=f"{model._meta.label}.{field.name}")
        for model in apps.get_models()
        if issubclass(model, OwnedModel)
        for field in owned_foreign_keys(model)
    ]


def test_the_walk_finds_the_links_we_know_of():
    found = {param.id for param in every_owned_foreign_key()}
    assert {"contacts.Interaction.contact", "meetings.Meeting.search", "followups.FollowUp.meeting"} <= found


@pytest.mark.parametrize(("model", "field"), every_owned_foreign_key())
def test_every_owned_foreign_key_refuses_another_owners_row(model, field, alice, bob):
    factory = TARGETS.get(field.related_model)
    assert factory, f"No factory for {field.related_model._meta.label}: add it to TARGETS"
    row = model(owner=alice)

    setattr(row, field.name, factory(owner=bob))
    with pytest.raises(CrossOwnerError) as refused:
        row.clean()
    assert list(refused.value.message_dict) == [field.name]
    assert "another owner's network" in refused.value.message_dict[field.name][0]

    # The same link by id only (as a raw-id admin field or an API would set it) is refused too.
    setattr(row, field.attname, factory(owner=bob).pk)
    with pytest.raises(CrossOwnerError):
        row.clean()

    setattr(row, field.name, factory(owner=alice))
    row.clean()


def test_the_admin_refuses_a_raw_id_into_another_network(client, alice, bob):
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    theirs = ContactFactory(owner=bob)

    response = client.post(
        reverse("admin:contacts_interaction_add"),
        {
            "owner": alice.pk,
            "contact": theirs.pk,
            "occurred_at_0": "2026-03-01",
            "occurred_at_1": "09:00",
            "channel": "email",
            "note": "crossed",
        },
    )

    assert response.status_code == 200
    assert "another owner&#x27;s network" in response.content.decode()
    assert not Interaction.objects.exists()


def test_the_admin_refuses_a_many_to_many_pick_from_another_network(client, alice, bob):
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    search = SearchFactory(owner=alice)
    theirs = ContactFactory(owner=bob)

    response = client.post(
        reverse("admin:meetings_search_change", args=[search.pk]),
        {"owner": alice.pk, "title": search.title, "started_on": "2026-01-05", "contacts": str(theirs.pk)},
    )

    assert response.status_code == 200
    assert "another owner&#x27;s network" in response.content.decode()
    assert not search.contacts.exists()


def test_the_admin_refuses_to_move_a_row_others_point_at_to_another_owner(client, alice, bob):
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    loose, used = TagFactory(owner=alice, name="loose"), TagFactory(owner=alice, name="mentor")
    ContactFactory(owner=alice).tags.add(used)

    def move_to_bob(tag):
        data = {"owner": bob.pk, "name": tag.name, "color": tag.color}
        return client.post(reverse("admin:contacts_tag_change", args=[tag.pk]), data)

    assert move_to_bob(loose).status_code == 302  # nothing points at it: it may move
    response = move_to_bob(used)

    assert response.status_code == 200
    assert "cannot move alone" in response.content.decode()
    assert Tag.objects.get(pk=used.pk).owner == alice
    assert Tag.objects.get(pk=loose.pk).owner == bob


def contact_change_post(client, contact) -> tuple[str, dict, str]:
    """The contact's admin page as posted back unchanged: (url, data, the "knows" inline's prefix)."""
    url = reverse("admin:contacts_contact_change", args=[contact.pk])
    page = client.get(url)
    data = {}
    for bound in page.context["adminform"].form:
        value = bound.value()
        if isinstance(value, list):
            data[bound.html_name] = value
        elif bound.field.widget.format_value(value) is not None:
            data[bound.html_name] = bound.field.widget.format_value(value)
    for inline in page.context["inline_admin_formsets"]:
        data.update({field.html_name: field.value() for field in inline.formset.management_form})
    knows = next(i.formset.prefix for i in page.context["inline_admin_formsets"] if i.formset.model is ContactLink)
    return url, data, knows


def test_a_row_added_in_an_admin_inline_takes_the_parents_owner_and_its_links_are_checked(client, alice, bob):
    client.force_login(UserFactory(username="staff", is_staff=True, is_superuser=True))
    ken = ContactFactory(owner=alice)
    url, data, knows = contact_change_post(client, ken)

    crossed = {**data, f"{knows}-TOTAL_FORMS": 1, f"{knows}-0-knows": ContactFactory(owner=bob).pk}
    response = client.post(url, crossed)
    assert response.status_code == 200
    assert "another owner&#x27;s network" in response.content.decode()
    assert not ContactLink.objects.exists()

    ann = ContactFactory(owner=alice)
    response = client.post(url, {**data, f"{knows}-TOTAL_FORMS": 1, f"{knows}-0-knows": ann.pk})
    assert response.status_code == 302
    assert list(ContactLink.objects.values_list("owner", "person", "knows")) == [(alice.pk, ken.pk, ann.pk)]


def test_check_owners_passes_on_a_clean_database(alice):
    MeetingFactory(owner=alice, search=SearchFactory(owner=alice))
    out = StringIO()

    call_command("check_owners", stdout=out)

    assert out.getvalue().splitlines()[-1] == "crossed=0"


def test_check_owners_reports_every_crossed_link_and_fails(alice, bob):
    # Stored behind validation's back, as an old bug or a hand-written SQL fix might have.
    crossed = InteractionFactory(owner=alice)
    Interaction.objects.filter(pk=crossed.pk).update(contact=ContactFactory(owner=bob))
    search = SearchFactory(owner=alice)
    search.contacts.add(ContactFactory(owner=bob), ContactFactory(owner=alice))
    out = StringIO()

    with pytest.raises(CommandError, match="2 rows"):
        call_command("check_owners", stdout=out)

    lines = out.getvalue().splitlines()
    assert "contacts.Interaction.contact: 1 crossed" in lines
    assert "meetings.Search_contacts.contact: 1 crossed" in lines
    assert lines[-1] == "crossed=2"


def test_check_owners_runs_one_query_per_link(alice, django_assert_num_queries):
    # One joined COUNT per foreign key or many-to-many table between owned rows.
    with django_assert_num_queries(len(owned_links())):
        call_command("check_owners", stdout=StringIO())


def test_the_contact_page_never_shows_a_crossed_row(alice_client, alice, bob):
    # Rows of Bob's stored behind validation's back, pointing at Alice's contact.
    ken = ContactFactory(owner=alice)
    touch = InteractionFactory(owner=alice, contact=ken, note="Bob's private note")
    link = ContactLinkFactory(owner=alice, person=ken, note="Bob's private link")
    entry = LedgerEntryFactory(owner=alice, contact=ken, description="Bob's private favour")
    when = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    meeting = MeetingFactory(
        owner=alice, contact=ken, state=MeetingState.HELD, held_at=when, learned="Bob's private lesson"
    )
    followup = FollowUpFactory(owner=alice, contact=ken, title="Bob's private follow-up")
    introduced = ContactFactory(owner=alice, given_name="Bobsfriend", introduced_by=ken)
    for row in (touch, link, entry, meeting, followup, introduced):
        type(row).objects.filter(pk=row.pk).update(owner=bob)

    body = alice_client.get(reverse("contacts:detail", args=[ken.pk])).content.decode()

    assert "Bob&#x27;s private" not in body and "Bob's private" not in body
    assert "Bobsfriend" not in body
