"""Scheduled meetings as .ics and as a private feed, with times in the user's time zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar, Component

from contacts.tests.factories import ContactFactory
from meetings.models import MeetingState

from .factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
DENVER = ZoneInfo("America/Denver")
# Daylight saving time starts in Denver on 2026-03-08: 09:00 is 16:00 UTC before, 15:00 UTC after.
BEFORE_DST = datetime(2026, 3, 6, 16, 0, tzinfo=UTC)
AFTER_DST = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


@pytest.fixture
def denver_alice(alice):
    alice.time_zone = "America/Denver"
    alice.save(update_fields=["time_zone"])
    return alice


def scheduled(owner, starts_at, **fields):
    contact = ContactFactory(owner=owner, given_name=fields.pop("given_name", "Ken"), family_name="Watanabe")
    return MeetingFactory(owner=owner, contact=contact, state=MeetingState.SCHEDULED, starts_at=starts_at, **fields)


def events(body: bytes) -> dict[str, Component]:
    calendar = Calendar.from_ical(body)
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def test_a_scheduled_meeting_downloads_as_ics_in_the_users_time_zone(denver_alice, alice_client):
    meeting = scheduled(denver_alice, AFTER_DST, place="Flying Star Cafe", duration_minutes=30)

    response = alice_client.get(reverse("meetings:ics", args=[meeting.pk]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    event = events(response.content)[f"meeting-{meeting.pk}@netweave"]
    start = event.decoded("dtstart")
    assert (start.replace(tzinfo=None), start.tzinfo) == (datetime(2026, 3, 10, 9, 0), DENVER)
    assert event["dtstart"].params["TZID"] == "America/Denver"
    assert event.decoded("dtend") - start == timedelta(minutes=30)
    assert str(event["summary"]) == "Coffee with Ken Watanabe"
    assert str(event["location"]) == "Flying Star Cafe"
    assert f"/meetings/{meeting.pk}/prep/" in str(event["description"])


def test_the_feed_lists_scheduled_meetings_on_both_sides_of_a_dst_change(denver_alice):
    before = scheduled(denver_alice, BEFORE_DST, given_name="Ken")
    after = scheduled(denver_alice, AFTER_DST, given_name="Maria")
    MeetingFactory(owner=denver_alice, state=MeetingState.HELD, starts_at=BEFORE_DST)
    MeetingFactory(owner=denver_alice, state=MeetingState.IDEA)

    response = Client().get(reverse("meetings:calendar_feed", args=[denver_alice.calendar_token]))

    assert response.status_code == 200
    found = events(response.content)
    assert set(found) == {f"meeting-{before.pk}@netweave", f"meeting-{after.pk}@netweave"}
    for meeting in (before, after):
        start = found[f"meeting-{meeting.pk}@netweave"].decoded("dtstart")
        assert start.astimezone(DENVER).strftime("%H:%M %Z") == ("09:00 MST" if meeting is before else "09:00 MDT")
        assert start == meeting.starts_at
    timezone_ids = [str(tz["tzid"]) for tz in Calendar.from_ical(response.content).walk("VTIMEZONE")]
    assert timezone_ids == ["America/Denver"]


def test_the_feed_needs_no_login_but_makes_a_constant_number_of_queries(denver_alice, django_assert_num_queries):
    for day in range(3):
        scheduled(denver_alice, AFTER_DST + timedelta(days=day))
    url = reverse("meetings:calendar_feed", args=[denver_alice.calendar_token])

    # the user by token, the scheduled meetings with their contacts
    with django_assert_num_queries(2):
        Client().get(url)
    for day in range(20):
        scheduled(denver_alice, AFTER_DST + timedelta(days=day))
    with django_assert_num_queries(2):
        Client().get(url)


def test_a_wrong_calendar_token_is_a_404(denver_alice):
    scheduled(denver_alice, AFTER_DST)

    assert Client().get(reverse("meetings:calendar_feed", args=["not-the-token"])).status_code == 404


def test_regenerating_the_calendar_link_kills_the_old_one(denver_alice, alice_client):
    old_url = reverse("meetings:calendar_feed", args=[denver_alice.calendar_token])

    response = alice_client.post(reverse("meetings:calendar_regenerate"))

    assert response.status_code == 302 and response.url == reverse("meetings:calendar")
    denver_alice.refresh_from_db()
    assert Client().get(old_url).status_code == 404
    assert Client().get(reverse("meetings:calendar_feed", args=[denver_alice.calendar_token])).status_code == 200


def test_regenerating_only_answers_post(alice_client):
    assert alice_client.get(reverse("meetings:calendar_regenerate")).status_code == 405


def test_the_calendar_page_shows_the_private_link(alice, alice_client, django_assert_max_num_queries):
    # session, user
    with django_assert_max_num_queries(2):
        response = alice_client.get(reverse("meetings:calendar"))

    assert f"http://testserver/meetings/calendar/{alice.calendar_token}.ics" in response.content.decode()


def test_someone_elses_meeting_does_not_download(alice, assert_hidden_from_bob):
    meeting = scheduled(alice, AFTER_DST)

    assert_hidden_from_bob(reverse("meetings:ics", args=[meeting.pk]))


def test_bobs_feed_never_shows_alices_meetings(alice, bob):
    scheduled(alice, AFTER_DST)

    response = Client().get(reverse("meetings:calendar_feed", args=[bob.calendar_token]))

    assert events(response.content) == {}


def test_a_meeting_that_is_not_scheduled_has_no_ics(alice, alice_client):
    meeting = MeetingFactory(owner=alice, state=MeetingState.IDEA, starts_at=AFTER_DST)

    assert alice_client.get(reverse("meetings:ics", args=[meeting.pk])).status_code == 404


def test_the_ics_download_makes_a_bounded_number_of_queries(denver_alice, alice_client, django_assert_num_queries):
    meeting = scheduled(denver_alice, AFTER_DST)

    # session, user, the meeting with its contact
    with django_assert_num_queries(3):
        alice_client.get(reverse("meetings:ics", args=[meeting.pk]))
