"""Marking the outreach letter as sent, today or on the day it really went out."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from conftest import NOW
from meetings import services
from meetings.models import MeetingState
from meetings.services import TransitionRefused

from .factories import MeetingFactory

pytestmark = pytest.mark.django_db
S = MeetingState


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_letter_page_offers_a_sent_date_that_defaults_to_today(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.IDEA)

    page = alice_client.get(reverse("meetings:letter", args=[meeting.pk])).content.decode()

    assert 'name="sent_on"' in page and 'value="2026-03-04"' in page and 'max="2026-03-04"' in page


def test_a_letter_sent_last_week_is_recorded_on_that_day(alice, alice_client, django_assert_max_num_queries):
    meeting = MeetingFactory(owner=alice, state=S.IDEA)

    # session, user, meeting+contact, savepoint, lock, update, release.
    with django_assert_max_num_queries(7):
        response = alice_client.post(reverse("meetings:mark_sent", args=[meeting.pk]), {"sent_on": "2026-02-25"})

    meeting.refresh_from_db()
    assert response.status_code == 302
    assert meeting.state == S.REQUESTED
    assert meeting.requested_at == datetime(2026, 2, 25, 12, tzinfo=UTC)  # alice's zone is UTC: noon that day


def test_a_letter_sent_today_is_stamped_now(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=S.IDEA)

    alice_client.post(reverse("meetings:mark_sent", args=[meeting.pk]), {"sent_on": "2026-03-04"})

    meeting.refresh_from_db()
    assert meeting.requested_at == NOW


@pytest.mark.parametrize(
    ("sent_on", "message"),
    [
        ("2026-03-05", "A letter can't be sent in the future"),
        ("2024-01-01", "Pick a sent date within the last year."),
        ("not a date", "Enter a valid date."),
    ],
)
def test_a_future_or_far_back_sent_date_is_refused_and_nothing_changes(alice, alice_client, sent_on, message):
    meeting = MeetingFactory(owner=alice, state=S.IDEA)

    response = alice_client.post(reverse("meetings:mark_sent", args=[meeting.pk]), {"sent_on": sent_on}, follow=True)

    assert message in html.unescape(response.content.decode())
    meeting.refresh_from_db()
    assert meeting.state == S.IDEA and meeting.requested_at is None


def test_the_service_refuses_a_sent_date_in_the_future():
    meeting = MeetingFactory(state=S.IDEA)

    with pytest.raises(TransitionRefused, match="can't be sent in the future"):
        services.mark_letter_sent(meeting, when=NOW, sent_at=NOW + timedelta(days=1))


def test_marking_sent_on_someone_elses_meeting_is_a_404(alice, assert_hidden_from_bob):
    meeting = MeetingFactory(owner=alice, state=S.IDEA)

    assert_hidden_from_bob(
        reverse("meetings:mark_sent", args=[meeting.pk]), method="post", data={"sent_on": "2026-03-01"}
    )
    meeting.refresh_from_db()
    assert meeting.state == S.IDEA
