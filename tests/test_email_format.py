"""The email templates' fast dates and links say exactly what ``|date`` and ``{% url %}`` say."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import engines
from django.template.defaultfilters import date as django_date
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from netweave.emails import absolute_reverse, absolute_url
from netweave.templatetags.email_format import email_date

# Every format the email templates use, and a few they might.
FORMATS = ["j M", "j M Y", "D j M", "l j M", "l j F", "H:i", "D j M, H:i", "N j, Y", r"j \o\f F", "P"]
ZONES = ["UTC", "Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata"]
# A year of mornings and late evenings (every month and weekday, both sides of midnight).
MOMENTS = [
    dt.datetime(2026, 1, 1, hour, (7 * hour) % 60, tzinfo=ZoneInfo("UTC")) + dt.timedelta(days=day)
    for day in range(0, 365, 5)
    for hour in (0, 9, 23)
]


@pytest.mark.parametrize("zone", ZONES)
def test_email_date_matches_django_date_for_every_format_in_every_zone(zone):
    template = engines["django"].from_string("{% load email_format %}{{ when|email_date:pattern }}")
    reference = engines["django"].from_string("{{ when|date:pattern }}")
    with timezone.override(zone):
        for moment in MOMENTS:
            for pattern in FORMATS:
                # (A plain date with a time letter is an error for both.)
                for value in (moment, moment.date()) if not {"H", "i", "P"} & set(pattern) else (moment,):
                    context = {"when": value, "pattern": pattern}
                    assert template.render(context) == reference.render(context), (value, pattern)


def test_email_date_of_nothing_is_empty_like_date():
    assert email_date(None, "j M") == django_date(None, "j M") == ""
    assert email_date("", "j M") == ""


@pytest.mark.parametrize(
    ("viewname", "argument"),
    [
        ("followups:detail", 42),
        ("contacts:detail", 7),
        ("meetings:prep", 12345678),
        ("followups:review_outcome_reports", 3),
        ("followups:email_action", "eyJmIjo0NiwiYSI6ImRvbmUifQ:1vxj1M:kYfhi3WFdHIwjq3Y-_"),
        ("followups:unsubscribe", "a b&c%d+é"),
        ("followups:list", None),
        ("accounts:preferences", None),
    ],
)
def test_absolute_reverse_is_what_reverse_gives(viewname, argument):
    args = [] if argument is None else [argument]
    assert absolute_reverse(viewname, argument) == absolute_url(reverse(viewname, args=args))


def test_absolute_reverse_follows_the_script_prefix():
    try:
        set_script_prefix("/netweave/")
        assert absolute_reverse("contacts:detail", 7) == absolute_url(reverse("contacts:detail", args=[7]))
        assert "/netweave/contacts/7/" in absolute_reverse("contacts:detail", 7)
    finally:
        set_script_prefix("/")


def test_the_absolute_url_tag_is_site_url_and_the_url_tag():
    rendered = engines["django"].from_string("{% load email_format %}{% absolute_url 'contacts:detail' pk %}")
    reference = engines["django"].from_string("{{ site_url }}{% url 'contacts:detail' pk %}")
    context = {"pk": 9, "site_url": absolute_url("")}
    assert rendered.render(context) == reference.render(context)
