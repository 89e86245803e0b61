from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from contacts.models import Direction, Stage
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
    grow_network,
)
from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def url(contact) -> str:
    return reverse("contacts:detail", args=[contact.pk])


@time_machine.travel(NOW, tick=False)
def test_the_timeline_merges_touches_ledger_meetings_and_followups_newest_first(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    InteractionFactory(owner=alice, contact=ken, occurred_at=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC), note="Coffee")
    LedgerEntryFactory(owner=alice, contact=ken, occurred_on=dt.date(2026, 2, 10), description="Sent an article")
    MeetingFactory(
        owner=alice,
        contact=ken,
        state=MeetingState.HELD,
        requested_at=dt.datetime(2026, 2, 15, tzinfo=dt.UTC),
        scheduled_at=dt.datetime(2026, 2, 16, tzinfo=dt.UTC),
        starts_at=dt.datetime(2026, 2, 20, 15, tzinfo=dt.UTC),
        held_at=dt.datetime(2026, 2, 20, 15, tzinfo=dt.UTC),
        learned="PMOs value healthcare experience",
    )
    FollowUpFactory(
        owner=alice,
        contact=ken,
        title="Thank Ken",
        state=FollowUpState.DONE,
        done_at=dt.datetime(2026, 2, 21, 8, tzinfo=dt.UTC),
    )

    response = alice_client.get(url(ken))

    titles = [entry.title for entry in response.context["timeline"]]
    assert titles == [
        "Done: Thank Ken",
        "Meeting held: Coffee",
        "Meeting scheduled: Coffee",
        "Asked for a meeting: Coffee",
        "You gave advice",
        "Email",
    ]
    body = response.content.decode()
    assert "PMOs value healthcare experience" in body


def test_the_page_shows_the_introduction_chain_and_who_they_introduced(alice_client, alice):
    alice_contact = ContactFactory(owner=alice, given_name="Alice", family_name="Archer")
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato", introduced_by=alice_contact)
    maria = ContactFactory(owner=alice, given_name="Maria", family_name="Garcia", introduced_by=ken)

    response = alice_client.get(url(maria))
    assert [p.full_name for p in response.context["chain"]] == ["Alice Archer", "Ken Sato"]

    response = alice_client.get(url(ken))
    assert [p.full_name for p in response.context["chain"]] == ["Alice Archer"]
    assert [p.full_name for p in response.context["introduced"]] == ["Maria Garcia"]


def test_an_introduction_loop_in_the_data_does_not_hang_the_page(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    maria = ContactFactory(owner=alice, given_name="Maria", family_name="Garcia", introduced_by=ken)
    ken.introduced_by = maria
    ken.save()

    response = alice_client.get(url(maria))

    assert response.status_code == 200
    assert [p.full_name for p in response.context["chain"]] == ["Maria Garcia", "Ken Sato"]


def test_people_they_know_show_from_both_sides_of_a_link(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    boss = ContactFactory(owner=alice, given_name="Hiring", family_name="Manager")
    ContactLinkFactory(owner=alice, person=ken, knows=boss, note="former manager")

    assert [other.full_name for _, other in alice_client.get(url(ken)).context["links"]] == ["Hiring Manager"]
    assert [other.full_name for _, other in alice_client.get(url(boss)).context["links"]] == ["Ken Sato"]


def test_the_give_and_get_balance_counts_both_ways(alice_client, alice):
    ken = ContactFactory(owner=alice)
    LedgerEntryFactory.create_batch(3, owner=alice, contact=ken, direction=Direction.GAVE)
    LedgerEntryFactory.create_batch(5, owner=alice, contact=ken, direction=Direction.RECEIVED)

    response = alice_client.get(url(ken))

    assert "You’ve given <strong>3</strong>, received <strong>5</strong>." in response.content.decode()
    assert response.context["balance"].owed == 2


def test_with_nothing_given_or_received_the_page_suggests_asking_in_typographic_quotes(alice_client, alice):
    page = alice_client.get(url(ContactFactory(owner=alice))).content.decode()
    assert "Ask “How can I help you?” and record it here." in page


def test_notes_render_escaped_with_line_breaks_kept(alice_client, alice):
    ken = ContactFactory(owner=alice, notes="Line one\n<script>alert('x')</script>")

    body = alice_client.get(url(ken)).content.decode()

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert 'class="nw-notes mb-0">Line one\n&lt;script&gt;' in body


@time_machine.travel(NOW, tick=False)
def test_the_keep_in_touch_panel_shows_an_overdue_ally(alice_client, alice):
    ken = ContactFactory(owner=alice, stage=Stage.ALLY)
    ken.last_contacted_at = NOW - dt.timedelta(days=40)
    ken.save()

    response = alice_client.get(url(ken))

    assert response.context["cadence"] == 30
    assert "Overdue" in response.content.decode()


def test_bob_cannot_see_alices_contact(alice, assert_hidden_from_bob):
    assert_hidden_from_bob(url(ContactFactory(owner=alice)))


@pytest.mark.parametrize("size", [10, 1000])
def test_the_page_makes_the_same_queries_at_10_and_1000_contacts(
    alice_client, alice, size, django_assert_max_num_queries
):
    tag = TagFactory(owner=alice)
    network = grow_network(alice, size, tag=tag)
    ken = network[0]
    for other in network[1 : size // 2]:
        other.introduced_by = ken
    type(ken).objects.bulk_update(network[1 : size // 2], ["introduced_by"])
    ken.introduced_by = network[-1]
    ken.save()
    for other in network[size // 2 : size // 2 + 5]:
        ContactLinkFactory(owner=alice, person=ken, knows=other)
    ContactLinkFactory(owner=alice, person=network[-2], knows=ken)  # a link pointing in
    InteractionFactory.create_batch(size // 10, owner=alice, contact=ken)
    LedgerEntryFactory.create_batch(size // 10, owner=alice, contact=ken)
    MeetingFactory.create_batch(3, owner=alice, contact=ken)
    FollowUpFactory.create_batch(3, owner=alice, contact=ken)
    # session, user, the contact (+ introducer joined), its tags, 4 timeline sources,
    # the chain, people they introduced, links both ways, ledger balance, and the
    # searches they are in or could join (one query, added with search membership), and
    # their open follow-ups with one-click done and snooze (one query), and when to touch
    # base next (with_touch_due(), the going-cold clock): 15.
    with django_assert_max_num_queries(15):
        response = alice_client.get(url(ken))
    assert response.status_code == 200


def test_the_page_offers_to_plan_a_meeting_with_them_preselected(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.get(url(ken))

    plan_url = f"{reverse('meetings:create')}?contact={ken.pk}"
    assert f'href="{plan_url}"' in response.content.decode()
    planning = alice_client.get(plan_url)
    assert planning.status_code == 200
    assert planning.context["contact"] == ken


def test_the_page_links_to_the_network_picture_centred_on_them(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.get(url(ken))

    assert f'href="{reverse("dashboard:network_from", args=[ken.pk])}"' in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_page_lists_their_open_follow_ups_with_done_and_snooze(alice_client, alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    overdue = FollowUpFactory(owner=alice, contact=ken, title="Thank Ken", due_on=NOW.date() - dt.timedelta(days=2))
    later = FollowUpFactory(owner=alice, contact=ken, title="Send the article", due_on=NOW.date() + dt.timedelta(5))
    FollowUpFactory(owner=alice, contact=ken, title="Old news", state=FollowUpState.DONE, done_at=NOW)
    FollowUpFactory(owner=alice, title="Someone else's")

    response = alice_client.get(url(ken))

    assert [f.title for f in response.context["open_followups"]] == ["Thank Ken", "Send the article"]
    content = response.content.decode()
    for followup in (overdue, later):
        assert f'action="{reverse("followups:done", args=[followup.pk])}"' in content
        assert f'action="{reverse("followups:snooze", args=[followup.pk])}"' in content
    assert "overdue since" in content


@time_machine.travel(NOW, tick=False)
def test_done_and_snooze_from_the_contact_page_come_back_to_it(alice_client, alice):
    ken = ContactFactory(owner=alice)
    thank, article = FollowUpFactory.create_batch(2, owner=alice, contact=ken, due_on=NOW.date())

    done = alice_client.post(reverse("followups:done", args=[thank.pk]), {"next": url(ken)})
    snoozed = alice_client.post(reverse("followups:snooze", args=[article.pk]), {"next": url(ken), "days": "3"})

    assert done.url == snoozed.url == url(ken)
    thank.refresh_from_db()
    article.refresh_from_db()
    assert thank.state == FollowUpState.DONE
    assert article.snoozed_until == NOW.date() + dt.timedelta(days=3)
    after = alice_client.get(url(ken))
    assert [f.title for f in after.context["open_followups"]] == [article.title]


def test_a_page_without_open_follow_ups_shows_no_to_do_panel(alice_client, alice):
    ken = ContactFactory(owner=alice)

    response = alice_client.get(url(ken))

    assert 'id="open-followups-heading"' not in response.content.decode()
