"""The preferences page shows when reminders last went out, and what failed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import ReminderEmail, ReminderKind, ReminderStatus

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_preferences_show_the_last_sent_and_the_failed(alice, bob, alice_client):
    ReminderEmail.objects.create(
        user=alice, kind=ReminderKind.DAILY, period=NOW.date(), status=ReminderStatus.SENT, sent_at=NOW
    )
    ReminderEmail.objects.create(
        user=alice, kind=ReminderKind.WEEKLY, period=dt.date(2026, 3, 2), status=ReminderStatus.FAILED, attempts=2
    )
    ReminderEmail.objects.create(
        user=bob, kind=ReminderKind.WEEKLY, period=dt.date(2026, 3, 2), status=ReminderStatus.SENT, sent_at=NOW
    )

    page = alice_client.get(reverse("accounts:preferences")).content.decode()

    assert "Last daily reminder" in page and "Wed 4 Mar 2026, 10:30" in page
    assert "Last weekly digest" in page and "Not sent yet" in page  # bob's digest is not alice's
    assert "Weekly digest for 2 Mar failed" in page and "2 attempts; retrying automatically" in page


def test_the_preferences_page_costs_a_fixed_number_of_queries(alice, alice_client, django_assert_max_num_queries):
    # session, user, the delivery log (last sent and recent failures, one windowed query)
    with django_assert_max_num_queries(3):
        alice_client.get(reverse("accounts:preferences"))
