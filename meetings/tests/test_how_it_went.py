"""After the meeting: one form, one transaction, for notes, people, promises and the give-and-get."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.models import Contact, Direction, LedgerEntry, Source
from contacts.tests.factories import ContactFactory, ContactLinkFactory
from followups import services as followup_services
from meetings import services
from meetings.models import Meeting, MeetingState
from meetings.services import Exchange, NewPerson, Promise, TransitionRefused

from .factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def held(alice) -> Meeting:
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe", company="Acme")
    return MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, starts_at=NOW - dt.timedelta(hours=2))


def form_data(**overrides) -> dict:
    data = {
        "notes": "Generous with time.",
        "learned": "Most openings are filled by referral.",
        "gave_kind": "",
        "gave_description": "",
        "received_kind": "",
        "received_description": "",
        "people-TOTAL_FORMS": "2",
        "people-INITIAL_FORMS": "0",
        "promises-TOTAL_FORMS": "2",
        "promises-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_service_captures_everything_at_once(held, alice, followup_calls):
    maria = ContactFactory(owner=alice, given_name="Maria")

    created = services.record_how_it_went(
        held,
        notes="Generous.",
        learned="Referrals win.",
        suggested=[maria],
        new_people=[NewPerson(given_name="Sam", family_name="Okafor", company="Globex", email="Sam@Globex.example")],
        promises=[Promise(text="Send my resume", due_on=dt.date(2026, 3, 6))],
        gave=Exchange(kind="resource", description="Article on PMOs"),
        received=Exchange(kind="advice", description="Get the PMP"),
        on=dt.date(2026, 3, 4),
    )

    held.refresh_from_db()
    (sam,) = created
    assert (held.notes, held.learned) == ("Generous.", "Referrals win.")
    assert set(held.suggested_contacts.all()) == {maria, sam}
    assert (sam.owner, sam.introduced_by, sam.source, sam.emails) == (
        alice,
        held.contact,
        Source.INTRODUCTION,
        ["sam@globex.example"],
    )
    assert sam.search_text  # derived fields computed by Contact.save()
    assert followup_calls.named("promise_made") == [
        ((held,), {"text": "Send my resume", "due_on": dt.date(2026, 3, 6)})
    ]
    ledger = LedgerEntry.objects.filter(contact=held.contact).order_by("direction")
    assert [(e.direction, e.kind, e.description, e.occurred_on) for e in ledger] == [
        (Direction.GAVE, "resource", "Article on PMOs", dt.date(2026, 3, 4)),
        (Direction.RECEIVED, "advice", "Get the PMP", dt.date(2026, 3, 4)),
    ]


def test_a_failure_part_way_saves_nothing(held, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("follow-ups are down")

    monkeypatch.setattr(followup_services, "promise_made", broken)

    with pytest.raises(RuntimeError):
        services.record_how_it_went(
            held,
            notes="Lost?",
            learned="",
            new_people=[NewPerson(given_name="Sam")],
            promises=[Promise(text="Send my resume", due_on=dt.date(2026, 3, 6))],
            on=dt.date(2026, 3, 4),
        )

    held.refresh_from_db()
    assert held.notes == ""
    assert not Contact.objects.filter(given_name="Sam").exists()


def test_how_it_went_is_refused_before_the_meeting_is_held(alice):
    meeting = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED)

    with pytest.raises(TransitionRefused, match="once the meeting is marked as held"):
        services.record_how_it_went(meeting, notes="Too early", learned="", on=dt.date(2026, 3, 4))


def test_the_form_offers_people_they_know_and_colleagues_to_tick(held, alice, alice_client):
    known = ContactFactory(owner=alice, given_name="Known", company="Elsewhere")
    ContactLinkFactory(owner=alice, person=held.contact, knows=known)
    colleague = ContactFactory(owner=alice, given_name="Colleague", company="Acme")
    ContactFactory(owner=alice, given_name="Stranger", company="Elsewhere")

    response = alice_client.get(reverse("meetings:how_it_went", args=[held.pk]))

    assert {c.given_name for c, _ in response.context["candidates"]} == {known.given_name, colleague.given_name}


def test_the_form_saves_people_promises_and_the_ledger(held, alice, alice_client, followup_calls):
    maria = ContactFactory(owner=alice, given_name="Maria")
    data = form_data(
        suggested=[maria.pk],
        **{
            "people-0-given_name": "Sam",
            "people-0-family_name": "Okafor",
            "promises-0-text": "Send my resume",
            "promises-0-due_on": "2026-03-06",
            "gave_kind": "resource",
            "gave_description": "Article on PMOs",
        },
    )

    response = alice_client.post(reverse("meetings:how_it_went", args=[held.pk]), data)

    assert response.status_code == 302 and response.url == held.get_absolute_url()
    held.refresh_from_db()
    assert held.learned == "Most openings are filled by referral."
    assert {c.given_name for c in held.suggested_contacts.all()} == {"Maria", "Sam"}
    assert len(followup_calls.named("promise_made")) == 1
    assert LedgerEntry.objects.filter(contact=held.contact, direction=Direction.GAVE).count() == 1
    assert not LedgerEntry.objects.filter(direction=Direction.RECEIVED).exists()


def test_bad_input_shows_errors_and_saves_nothing(held, alice_client, followup_calls):
    data = form_data(
        **{
            "people-0-family_name": "Okafor",  # no first name
            "promises-0-text": "Send my resume",  # no date
            "received_description": "Good advice",  # no kind
        }
    )

    response = alice_client.post(reverse("meetings:how_it_went", args=[held.pk]), data)

    assert response.status_code == 200
    assert response.context["people"].forms[0].errors["given_name"]
    assert response.context["promises"].forms[0].errors["due_on"]
    assert response.context["form"].errors["received_kind"] == ["Say what kind of thing it was."]
    held.refresh_from_db()
    assert held.notes == "" and not Contact.objects.filter(family_name="Okafor").exists()
    assert followup_calls.calls == []
    assert "Generous with time." in response.content.decode()  # nothing typed is lost


def test_someone_elses_contact_cannot_be_ticked(held, bob, alice_client):
    bobs = ContactFactory(owner=bob)

    response = alice_client.post(reverse("meetings:how_it_went", args=[held.pk]), form_data(suggested=[bobs.pk]))

    assert response.context["form"].errors["suggested"]
    assert not held.suggested_contacts.exists()


def test_before_the_meeting_is_held_the_form_sends_you_back_with_a_message(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=MeetingState.SCHEDULED)

    response = alice_client.get(reverse("meetings:how_it_went", args=[meeting.pk]), follow=True)

    assert response.redirect_chain == [(meeting.get_absolute_url(), 302)]
    assert "Record how it went once the meeting is marked as held." in response.content.decode()


def test_the_form_makes_a_bounded_number_of_queries(held, alice_client, django_assert_max_num_queries):
    # session, user, meeting+contact, suggested, links subquery + candidates
    with django_assert_max_num_queries(5):
        alice_client.get(reverse("meetings:how_it_went", args=[held.pk]))


def test_someone_elses_meeting_is_a_404(held, assert_hidden_from_bob):
    url = reverse("meetings:how_it_went", args=[held.pk])

    assert_hidden_from_bob(url)
    assert_hidden_from_bob(url, method="post", data=form_data(notes="Bob was here"))
    held.refresh_from_db()
    assert held.notes == ""


def test_editing_how_it_went_can_untick_someone_suggested_before(held, alice, alice_client):
    maria, sam = ContactFactory(owner=alice, given_name="Maria"), ContactFactory(owner=alice, given_name="Sam")
    held.suggested_contacts.add(maria, sam)

    page = alice_client.get(reverse("meetings:how_it_went", args=[held.pk]))
    alice_client.post(reverse("meetings:how_it_went", args=[held.pk]), form_data(suggested=[sam.pk]))

    assert {c.given_name for c, _ in page.context["candidates"]} == {"Maria", "Sam"}
    assert list(held.suggested_contacts.all()) == [sam]


def test_namesakes_to_tick_can_be_told_apart_by_title_and_email(held, alice, alice_client):
    planner = ContactFactory(
        owner=alice,
        given_name="Felix",
        family_name="Ivanova",
        company="Acme",
        title="Planner",
        emails=["felix@acme.example"],
    )
    namesake = ContactFactory(
        owner=alice,
        given_name="Felix",
        family_name="Ivanova",
        company="Acme",
        title="",
        emails=["f.ivanova@acme.example"],
    )
    maria = ContactFactory(
        owner=alice, given_name="Maria", family_name="Garcia", company="Acme", title="", emails=["m@acme.example"]
    )

    response = alice_client.get(reverse("meetings:how_it_went", args=[held.pk]))

    content = response.content.decode()
    assert dict(response.context["candidates"]) == {
        planner: "Planner, Acme · felix@acme.example",
        namesake: "Acme · f.ivanova@acme.example",
        maria: "Acme",  # nobody to confuse her with: no email needed
    }
    assert "· Planner, Acme · felix@acme.example</span>" in content
