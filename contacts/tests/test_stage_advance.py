"""Stages advance: a two-way conversation moves Want to meet and Acquaintance on to In touch.

The rule lives in contacts.services.log_interaction, so every door that logs a touch
(the contact page, the API, capture, a held meeting) keeps it.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from contacts import services
from contacts.models import Channel, Contact, Interaction, Stage
from contacts.tests.factories import ContactFactory
from contacts.timeline import touch_entries

pytestmark = pytest.mark.django_db

TWO_WAY = [Channel.CALL, Channel.VIDEO, Channel.IN_PERSON, Channel.EVENT]
ONE_WAY = [Channel.EMAIL, Channel.MESSAGE, Channel.COMMENT, Channel.LETTER, Channel.OTHER]


def stage_of(contact: Contact) -> str:
    contact.refresh_from_db()
    return contact.stage


@pytest.mark.parametrize("channel", TWO_WAY)
@pytest.mark.parametrize("stage", [Stage.WANT_TO_MEET, Stage.ACQUAINTANCE])
def test_a_two_way_conversation_moves_them_on_to_in_touch(alice, channel, stage):
    ken = ContactFactory(owner=alice, stage=stage)

    touch = services.log_interaction(ken, occurred_at=NOW, channel=channel)

    assert stage_of(ken) == Stage.IN_TOUCH
    assert touch.stage_before == stage
    assert Interaction.objects.get().stage_before == stage


@pytest.mark.parametrize("channel", ONE_WAY)
def test_an_email_or_a_message_sent_moves_nobody(alice, channel):
    ken = ContactFactory(owner=alice, stage=Stage.WANT_TO_MEET)

    touch = services.log_interaction(ken, occurred_at=NOW, channel=channel)

    assert stage_of(ken) == Stage.WANT_TO_MEET and touch.stage_before == ""


@pytest.mark.parametrize("stage", [Stage.IN_TOUCH, Stage.ALLY])
def test_it_never_moves_anyone_back(alice, stage):
    ken = ContactFactory(owner=alice, stage=stage)

    touch = services.log_interaction(ken, occurred_at=NOW, channel=Channel.CALL)

    assert stage_of(ken) == stage and touch.stage_before == ""


def test_the_timeline_shows_the_move_on_the_touch(alice):
    ken = ContactFactory(owner=alice, stage=Stage.ACQUAINTANCE)
    services.log_interaction(ken, occurred_at=NOW, channel=Channel.CALL)
    services.log_interaction(ken, occurred_at=NOW + dt.timedelta(days=1), channel=Channel.CALL)

    later, first = touch_entries(ken)

    assert first.badge == "Acquaintance → In touch" and later.badge == ""


@time_machine.travel(NOW, tick=False)
def test_the_user_can_set_it_back_and_it_stays_until_the_next_conversation(alice, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Sato", stage=Stage.WANT_TO_MEET)
    alice_client.post(
        reverse("contacts:log_touch", args=[ken.pk]), {"occurred_at": "2026-03-04T08:00", "channel": "video"}
    )
    assert stage_of(ken) == Stage.IN_TOUCH
    page = alice_client.get(ken.get_absolute_url()).content.decode()
    assert "Want to meet → In touch" in page

    response = alice_client.post(
        reverse("contacts:update", args=[ken.pk]),
        {"given_name": "Ken", "family_name": "Sato", "source": "other", "stage": Stage.ACQUAINTANCE},
    )
    assert response.status_code == 302
    assert stage_of(ken) == Stage.ACQUAINTANCE
    services.log_interaction(ken, occurred_at=NOW, channel=Channel.EMAIL)
    assert stage_of(ken) == Stage.ACQUAINTANCE


@time_machine.travel(NOW, tick=False)
def test_a_first_held_meeting_moves_them_on(alice):
    from meetings import services as meeting_services
    from meetings.models import MeetingKind, MeetingState
    from meetings.tests.factories import MeetingFactory

    ken = ContactFactory(owner=alice, stage=Stage.WANT_TO_MEET)
    meeting = MeetingFactory(
        owner=alice, contact=ken, kind=MeetingKind.PHONE, state=MeetingState.SCHEDULED, starts_at=NOW
    )

    meeting_services.hold_meeting(meeting, when=NOW)

    assert stage_of(ken) == Stage.IN_TOUCH
    assert Interaction.objects.get(contact=ken).stage_before == Stage.WANT_TO_MEET


@time_machine.travel(NOW, tick=False)
def test_a_capture_with_a_call_moves_them_on(alice, alice_client):
    alice_client.post(
        reverse("contacts:capture"),
        {
            "given_name": "Ken",
            "family_name": "Watanabe",
            "source": "event",
            "stage": "want_to_meet",
            "touch-channel": "call",
            "touch-note": "",
        },
    )

    assert Contact.objects.for_owner(alice).get().stage == Stage.IN_TOUCH
