"""An email that cannot be built is handed back on its own: the rest of its batch still goes out.

A user's address with a line break in it (written past the forms, by a script or a bad
import into the database) makes Django refuse the message with BadHeaderError, which is
not a mail-server error. Raised out of the batch, it left every later user of the batch
claimed and unsent, and each takeover met the same email first.
"""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.models import User
from accounts.tests.factories import UserFactory
from conftest import NOW
from followups import reminders
from followups.models import ReminderEmail, ReminderKind, ReminderStatus
from followups.reminders.delivery import send_daily_reminders
from followups.tests.factories import FollowUpFactory, daily_only

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def three_users_one_broken() -> tuple[list[User], User]:
    users = [UserFactory(username=f"user{n}", email=f"user{n}@example.com") for n in range(3)]
    daily_only(*users)
    for user in users:
        FollowUpFactory(owner=user, due_on=NOW.date())
    broken = users[0]  # first in the batch, as the claim orders it by user id
    User.objects.filter(pk=broken.pk).update(email="user0\n@example.com")
    return users, broken


def test_the_others_in_the_batch_get_their_email(three_users_one_broken, caplog):
    users, broken = three_users_one_broken

    result = send_daily_reminders(now=NOW.replace(hour=23))

    assert (result.sent, result.failed) == (2, 1)
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "user1@example.com",
        "user2@example.com",
    ]
    row = ReminderEmail.objects.get(user=broken, kind=ReminderKind.DAILY)
    assert row.status == ReminderStatus.FAILED and row.last_error.startswith("BadHeaderError")
    assert "could not be built" in caplog.text


def test_the_broken_one_is_retried_alone_and_then_given_up(three_users_one_broken):
    users, broken = three_users_one_broken
    send_daily_reminders(now=NOW.replace(hour=23))
    sent = len(mail.outbox)

    for _ in range(reminders.MAX_ATTEMPTS + 2):
        send_daily_reminders(now=NOW.replace(hour=23))

    assert len(mail.outbox) == sent == 2  # nobody else twice
    row = ReminderEmail.objects.get(user=broken, kind=ReminderKind.DAILY)
    assert row.status == ReminderStatus.FAILED and row.attempts == reminders.MAX_ATTEMPTS
