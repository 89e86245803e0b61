"""The time-zone picker: a short list by region with readable labels, any valid zone still accepted."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.time_zones import COMMON_ZONES, time_zone_choices, zone_label

from .test_preferences import valid_data

pytestmark = pytest.mark.django_db
URL = reverse("accounts:preferences")
WINTER = datetime(2026, 1, 15, 12, tzinfo=UTC)


def test_labels_name_the_city_and_its_offset():
    assert zone_label("Asia/Tokyo", at=WINTER) == "Tokyo (UTC+9)"
    assert zone_label("Asia/Kolkata", at=WINTER) == "Kolkata (UTC+5:30)"
    assert zone_label("America/Argentina/Buenos_Aires", at=WINTER) == "Buenos Aires (UTC-3)"
    assert zone_label("Europe/London", at=WINTER) == "London (UTC)"


def test_the_list_is_about_sixty_zones_grouped_by_region():
    choices = time_zone_choices(at=WINTER)
    groups = dict(choices[1:])

    assert choices[0][0] == "UTC"
    assert list(groups) == list(COMMON_ZONES)
    assert 50 <= sum(len(zones) for zones in groups.values()) <= 80
    assert ("Asia/Tokyo", "Tokyo (UTC+9)") in groups["Asia"]


def test_the_page_offers_the_short_list_and_suggests_the_browsers_zone_to_a_new_user(alice_client):
    page = alice_client.get(URL).content.decode()

    assert '<optgroup label="Europe">' in page
    assert page.count("<option") < 150  # the page's other selects included; the raw list alone is ~600
    assert 'data-browser-zone="suggest"' in page and "data-browser-zone-note" in page
    assert "js/preferences.js" in page


def test_a_user_who_chose_a_zone_is_not_second_guessed(alice_client, alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save()

    page = alice_client.get(URL).content.decode()

    assert 'data-browser-zone="suggest"' not in page
    assert '<option value="Asia/Tokyo" selected>' in page


def test_a_stored_zone_outside_the_list_is_still_shown_and_accepted(alice_client, alice):
    alice.time_zone = "America/Argentina/Ushuaia"
    alice.save()

    page = alice_client.get(URL).content.decode()
    assert '<optgroup label="Your current zone">' in page
    assert '<option value="America/Argentina/Ushuaia" selected>' in page

    response = alice_client.post(URL, valid_data(time_zone="America/Argentina/Ushuaia"))
    assert response.status_code == 302
    response = alice_client.post(URL, valid_data(time_zone="Pacific/Chatham"))  # valid, not listed
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == "Pacific/Chatham"


def test_an_unknown_zone_is_refused_and_nothing_changes(alice_client, alice):
    response = alice_client.post(URL, valid_data(time_zone="Mars/Olympus_Mons"))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    alice.refresh_from_db()
    assert alice.time_zone == "UTC"
