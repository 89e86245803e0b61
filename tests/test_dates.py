"""Dates for people come in a few named shapes, every day unpadded: "Wed 4 Mar", never "Wed 04 Mar"."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.urls import reverse
from django.utils import timezone

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory
from netweave.dates import FORMATS, formatted

MARCH_4 = dt.date(2026, 3, 4)  # a Wednesday


@pytest.mark.parametrize("shape", sorted(FORMATS))
def test_every_shape_is_what_django_date_writes_with_its_letters(shape):
    moment = dt.datetime(2026, 3, 4, 9, 5, tzinfo=ZoneInfo("UTC"))
    with timezone.override("UTC"):
        assert formatted(moment, shape) == django_date(moment, FORMATS[shape])


@pytest.mark.parametrize(
    "shape, expected",
    [
        ("day", "Wed 4 Mar"),
        ("long_day", "Wednesday 4 March"),
        ("day_month", "4 Mar"),
        ("date", "4 Mar 2026"),
        ("day_date", "Wed 4 Mar 2026"),
    ],
)
def test_no_shape_pads_the_day(shape, expected):
    assert formatted(MARCH_4, shape) == expected


def test_nothing_is_written_as_nothing():
    assert formatted(None, "day") == ""


def test_the_template_filter_shows_a_moment_in_the_active_time_zone():
    template = engines["django"].from_string('{% load dates %}{{ when|date_as:"day_date_time" }}')
    with timezone.override("America/Denver"):
        assert template.render({"when": NOW}) == "Wed 4 Mar 2026, 03:30"


def test_a_mistyped_shape_fails_loudly():
    template = engines["django"].from_string('{% load dates %}{{ when|date_as:"dya" }}')
    with pytest.raises(KeyError):
        template.render({"when": MARCH_4})


@pytest.mark.django_db
def test_the_contact_timeline_writes_due_and_scheduled_days_unpadded(alice, alice_client, frozen):
    ken = ContactFactory(owner=alice, given_name="Ken")
    FollowUpFactory(owner=alice, contact=ken, title="Send the deck", due_on=dt.date(2026, 3, 6))
    MeetingFactory(
        owner=alice,
        contact=ken,
        state=MeetingState.SCHEDULED,
        scheduled_at=NOW - dt.timedelta(days=1),
        starts_at=dt.datetime(2026, 3, 9, 15, tzinfo=dt.UTC),
    )

    body = alice_client.get(reverse("contacts:detail", args=[ken.pk])).content.decode()

    assert "Due 6 Mar" in body and "Due 06 Mar" not in body
    assert "on Mon 9 Mar 2026, 15:00" in body and "09 Mar" not in body


@pytest.mark.django_db
def test_a_follow_up_closed_by_a_touch_says_the_day_unpadded(alice, frozen):
    from followups import services

    ken = ContactFactory(owner=alice)
    followup = FollowUpFactory(owner=alice, contact=ken, kind="keep_in_touch", state=FollowUpState.OPEN)

    services.close_keep_in_touch(ken.pk, owner=alice, by="call", when=NOW - dt.timedelta(days=1))

    followup.refresh_from_db()
    assert followup.closed_note == "Closed by the call on 3 Mar"


def test_how_long_ago_says_just_now_under_a_minute_wherever_it_is_shown():
    from netweave.dates import ago

    assert ago(NOW - dt.timedelta(seconds=20), NOW) == "just now"
    assert ago(NOW - dt.timedelta(days=3), NOW) == "3\xa0days ago"
    assert ago(None, NOW) == ""
    rendered = engines["django"].from_string("{% load dates %}{{ asked|ago:now }}").render({"asked": NOW, "now": NOW})
    assert rendered == "just now"
