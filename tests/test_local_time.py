"""Every date and time is the user's own: pages, drafts, the prep sheet, calendar files and emails.

Hana lives in Tokyo (UTC+9). Her lunch on Thursday 5 March 2026 at 12:00 is 03:00 UTC;
she must never see 03:00, and a meeting held at 05:00 on Thursday in Tokyo (20:00 UTC on
Wednesday) happened on Thursday.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind
from followups.services import describe_when, meeting_held
from meetings.models import MeetingKind, MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = [pytest.mark.django_db]

TOKYO = ZoneInfo("Asia/Tokyo")
LUNCH = dt.datetime(2026, 3, 5, 12, 0, tzinfo=TOKYO)


@pytest.fixture
def hana():
    return UserFactory(username="hana", email="hana@example.com", display_name="Hana Sato", time_zone="Asia/Tokyo")


@pytest.fixture
def lunch(hana):
    ken = ContactFactory(owner=hana, given_name="Ken", family_name="Nakamura")
    return MeetingFactory(owner=hana, contact=ken, kind=MeetingKind.MEAL, state=MeetingState.SCHEDULED, starts_at=LUNCH)


@pytest.fixture
def hana_client(hana) -> Client:
    client = Client()
    client.force_login(hana)
    return client


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("page", ["meetings:detail", "meetings:prep"])
def test_meeting_pages_show_the_time_in_the_users_zone(hana_client, lunch, page):
    html = hana_client.get(reverse(page, args=[lunch.pk])).content.decode()

    assert "Thursday 5 March 2026, 12:00" in html
    assert "03:00" not in html


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_shows_this_weeks_meeting_at_local_noon(hana_client, lunch):
    html = hana_client.get(reverse("dashboard")).content.decode()

    assert "12:00" in html and "03:00" not in html


def test_a_calendar_file_carries_the_users_zone(hana_client, lunch):
    ics = hana_client.get(reverse("meetings:ics", args=[lunch.pk])).content.decode()

    assert "DTSTART;TZID=Asia/Tokyo:20260305T120000" in ics
    assert "BEGIN:VTIMEZONE" in ics and "TZID:Asia/Tokyo" in ics


def test_drafts_name_the_local_day(hana, lunch):
    held_at = dt.datetime(2026, 3, 4, 20, 0, tzinfo=dt.UTC)  # Thursday 05:00 in Tokyo
    lunch.state, lunch.held_at = MeetingState.HELD, held_at
    lunch.save()

    meeting_held(lunch)

    assert describe_when(hana, held_at) == "on Thursday 5 March"
    thank_you = FollowUp.objects.get(kind=FollowUpKind.THANK_YOU)
    assert "Thursday" in thank_you.message and "Wednesday" not in thank_you.message
