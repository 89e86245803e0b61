"""Any touch closes the loop: a logged touch, a held meeting or a thank-you done closes keep-in-touch.

The API's door is tested in api/tests/test_touches.py.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from contacts import services as contact_services
from contacts.models import Stage
from contacts.tests.factories import ContactFactory
from followups import services
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings import services as meeting_services
from meetings.models import MeetingKind, MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def ken(alice):
    return ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=40))


@pytest.fixture
def keep_in_touch(alice, ken) -> FollowUp:
    return FollowUpFactory(
        owner=alice, contact=ken, kind=FollowUpKind.KEEP_IN_TOUCH, title="Keep in touch with Ken", due_on=NOW.date()
    )


def closed(followup: FollowUp) -> tuple[str, str]:
    followup.refresh_from_db()
    return followup.state, followup.closed_note


def test_a_call_logged_on_the_contact_page_closes_it_with_a_note(alice_client, ken, keep_in_touch):
    response = alice_client.post(
        reverse("contacts:log_touch", args=[ken.pk]),
        {"occurred_at": "2026-03-04T08:00", "channel": "call", "note": "Caught up"},
    )

    assert response.status_code == 302
    assert closed(keep_in_touch) == (FollowUpState.DONE, "Closed by the call on 4 Mar")
    # The note shows on the follow-up's page and on the contact's timeline.
    assert "Closed by the call on 4 Mar" in alice_client.get(keep_in_touch.get_absolute_url()).content.decode()
    assert "Closed by the call on 4 Mar" in alice_client.get(ken.get_absolute_url()).content.decode()


def test_the_log_touch_address_and_name_are_kept_and_bob_gets_a_404(ken, assert_hidden_from_bob, keep_in_touch):
    url = reverse("contacts:log_touch", args=[ken.pk])

    assert url == f"/contacts/{ken.pk}/touch/"
    assert_hidden_from_bob(url, method="post", data={"occurred_at": "2026-03-04T08:00", "channel": "call"})
    assert closed(keep_in_touch) == (FollowUpState.OPEN, "")


def test_an_invalid_touch_shows_the_contact_page_again_and_closes_nothing(alice_client, ken, keep_in_touch):
    response = alice_client.post(reverse("contacts:log_touch", args=[ken.pk]), {"channel": "call"})

    assert response.status_code == 400
    assert "Nothing was saved" in response.content.decode()
    assert closed(keep_in_touch) == (FollowUpState.OPEN, "")


def test_a_held_meeting_closes_it(alice, ken, keep_in_touch):
    meeting = MeetingFactory(
        owner=alice, contact=ken, kind=MeetingKind.COFFEE, state=MeetingState.SCHEDULED, starts_at=NOW
    )

    meeting_services.hold_meeting(meeting, when=NOW + dt.timedelta(hours=1))

    assert closed(keep_in_touch) == (FollowUpState.DONE, "Closed by the meeting on 4 Mar")


def test_a_thank_you_marked_done_closes_it(alice_client, alice, ken, keep_in_touch):
    thank_you = FollowUpFactory(owner=alice, contact=ken, kind=FollowUpKind.THANK_YOU, due_on=NOW.date())

    alice_client.post(reverse("followups:done", args=[thank_you.pk]))

    assert closed(thank_you)[0] == FollowUpState.DONE
    assert closed(keep_in_touch) == (FollowUpState.DONE, "Closed by the thank-you note on 4 Mar")


def test_other_follow_ups_done_and_other_peoples_loops_stay_open(alice, ken, keep_in_touch):
    promise = FollowUpFactory(owner=alice, contact=ken, kind=FollowUpKind.PROMISE, due_on=NOW.date())
    other = FollowUpFactory(owner=alice, kind=FollowUpKind.KEEP_IN_TOUCH, due_on=NOW.date())

    services.mark_done(promise, now=NOW)
    services.log_touch(other.contact, occurred_at=NOW, channel="call")

    assert closed(keep_in_touch) == (FollowUpState.OPEN, "")
    assert closed(other)[0] == FollowUpState.DONE


def test_an_older_touch_logged_late_leaves_it_open(ken, keep_in_touch):
    contact_services.record_touch(ken, when=NOW - dt.timedelta(days=1))

    services.log_touch(ken, occurred_at=NOW - dt.timedelta(days=50), channel="call")

    assert closed(keep_in_touch) == (FollowUpState.OPEN, "")


def test_the_note_carries_the_users_local_date(alice, ken, keep_in_touch):
    alice.time_zone = "Asia/Tokyo"
    alice.save()

    services.log_touch(ken, occurred_at=dt.datetime(2026, 3, 4, 20, 0, tzinfo=dt.UTC), channel="video")

    assert closed(keep_in_touch) == (FollowUpState.DONE, "Closed by the video call on 5 Mar")


def test_reopening_clears_the_note(ken, keep_in_touch):
    services.log_touch(ken, occurred_at=NOW, channel="call")
    keep_in_touch.refresh_from_db()

    services.reopen(keep_in_touch)

    assert closed(keep_in_touch) == (FollowUpState.OPEN, "")


def test_a_closed_loop_is_not_created_again_for_the_same_lapse(alice, ken):
    from followups import rules

    rules.create_due_followups(now=NOW)
    [followup] = FollowUp.objects.filter(contact=ken, kind=FollowUpKind.KEEP_IN_TOUCH)
    thank_you = FollowUpFactory(owner=alice, contact=ken, kind=FollowUpKind.THANK_YOU, due_on=NOW.date())
    services.mark_done(thank_you, now=NOW)

    rules.create_due_followups(now=NOW + dt.timedelta(days=1))

    assert closed(followup)[0] == FollowUpState.DONE
    assert FollowUp.objects.filter(contact=ken, kind=FollowUpKind.KEEP_IN_TOUCH).count() == 1
