"""A meeting marked held is held when it took place: one moment for the timeline, the touch and the thank-yous."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.models import Interaction
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind
from followups.services import describe_when
from meetings import services
from meetings.models import Meeting, MeetingKind, MeetingState
from meetings.timeline import meeting_entries

from .factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

DENVER = ZoneInfo("America/Denver")
# NOW is Wednesday 4 March 2026, 03:30 in Denver: the call was the morning before.
MET = dt.datetime(2026, 3, 3, 10, 0, tzinfo=DENVER)


@pytest.fixture
def denver_alice(alice):
    alice.time_zone = "America/Denver"
    alice.save(update_fields=["time_zone"])
    return alice


@pytest.mark.parametrize(
    ("starts_at", "held_at"),
    [
        (MET, MET),  # marked held the next day: held at its time
        (NOW, NOW),  # marked held as it starts
        (None, NOW),  # no time was ever set: all we know is now
        (NOW + dt.timedelta(hours=1), NOW),  # still ahead (hold_meeting refuses it, but the rule is total)
    ],
)
def test_a_meeting_is_held_at_its_time_once_that_has_come_else_now(starts_at, held_at):
    assert services.held_moment(Meeting(starts_at=starts_at), now=NOW) == held_at


def test_marking_a_meeting_held_the_next_day_dates_everything_from_the_meeting(denver_alice):
    rita = ContactFactory(owner=denver_alice, given_name="Rita")
    ken = ContactFactory(owner=denver_alice, given_name="Ken", introduced_by=rita)
    meeting = MeetingFactory(
        owner=denver_alice, contact=ken, kind=MeetingKind.PHONE, state=MeetingState.SCHEDULED, starts_at=MET
    )

    services.hold_meeting(meeting, when=NOW)

    meeting.refresh_from_db()
    ken.refresh_from_db()
    assert meeting.held_at == MET
    [held_entry] = [entry for entry in meeting_entries(ken) if entry.title.startswith("Meeting held")]
    assert held_entry.when == MET  # the timeline sorts it with the call, not a day later
    touch = Interaction.objects.get(contact=ken)
    assert touch.occurred_at == MET and ken.last_contacted_at == MET
    thank_you = FollowUp.objects.get(kind=FollowUpKind.THANK_YOU, contact=ken)
    thank_rita = FollowUp.objects.get(kind=FollowUpKind.THANK_REFERRER, contact=rita)
    # Alice's delay (one day) counts from Tuesday's call, not from Wednesday's click.
    assert thank_you.due_on == dt.date(2026, 3, 4)
    on_the_day = describe_when(denver_alice, MET)
    assert on_the_day in thank_you.message and on_the_day in thank_rita.message


def test_a_meeting_with_no_time_is_held_when_marked(alice):
    ken = ContactFactory(owner=alice)
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=None)

    services.hold_meeting(meeting, when=NOW)

    meeting.refresh_from_db()
    ken.refresh_from_db()
    assert meeting.held_at == NOW
    assert Interaction.objects.get(contact=ken).occurred_at == NOW and ken.last_contacted_at == NOW
    assert FollowUp.objects.get(kind=FollowUpKind.THANK_YOU).due_on == dt.date(2026, 3, 5)


def test_the_mark_as_held_button_holds_it_at_the_meeting_time(denver_alice, alice_client):
    meeting = MeetingFactory(owner=denver_alice, state=MeetingState.SCHEDULED, starts_at=MET)

    response = alice_client.post(reverse("meetings:hold", args=[meeting.pk]))

    assert response.url == reverse("meetings:how_it_went", args=[meeting.pk])
    meeting.refresh_from_db()
    assert (meeting.state, meeting.held_at) == (MeetingState.HELD, MET)
