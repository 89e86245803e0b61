from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import User, Weekday

pytestmark = pytest.mark.django_db
URL = reverse("accounts:preferences")


def valid_data(**overrides):
    data = {
        "display_name": "Alice A.",
        "email": "alice@example.com",
        "time_zone": "America/Denver",
        "weekly_digest_enabled": "on",
        "weekly_digest_weekday": Weekday.FRIDAY,
        "weekly_digest_hour": 17,
        "daily_reminder_hour": 7,
        "cadence_acquaintance_days": 90,
        "cadence_in_touch_days": 45,
        "cadence_ally_days": 30,
        "thank_you_delay_days": 1,
        "reply_nudge_after_days": 7,
    }
    data.update(overrides)
    return data


def test_a_new_user_gets_the_weekly_digest_on_monday_at_eight(alice):
    assert alice.weekly_digest_enabled is True
    assert alice.weekly_digest_weekday == Weekday.MONDAY
    assert alice.weekly_digest_hour == 8


def test_preferences_page_shows_the_current_settings(alice_client, django_assert_max_num_queries):
    # session, user, then the page itself reads nothing else
    with django_assert_max_num_queries(3):
        response = alice_client.get(URL)

    assert response.status_code == 200
    assert b"Reminder emails" in response.content


def test_saving_preferences_updates_the_user(alice_client, alice):
    response = alice_client.post(URL, valid_data())

    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.time_zone == "America/Denver"
    assert alice.weekly_digest_weekday == Weekday.FRIDAY
    assert alice.daily_reminder_enabled is False


def test_bad_preferences_show_errors_and_change_nothing(alice_client, alice):
    response = alice_client.post(URL, valid_data(weekly_digest_hour=25))

    assert response.status_code == 200
    assert b"Ensure this value is less than or equal to 23" in response.content
    assert User.objects.get(pk=alice.pk).weekly_digest_hour == 8


def test_pages_render_in_the_users_time_zone(alice_client, alice):
    alice.time_zone = "Asia/Tokyo"
    alice.save()

    response = alice_client.get(reverse("dashboard"))

    assert b"Asia/Tokyo" in response.content
