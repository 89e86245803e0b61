from __future__ import annotations

import datetime as dt

import factory

from accounts.models import User
from accounts.tests.factories import UserFactory
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind
from tests.factories import ModelFactory


class FollowUpFactory(ModelFactory[FollowUp]):
    class Meta:
        model = FollowUp

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    kind = FollowUpKind.THANK_YOU
    title = factory.LazyAttribute(lambda f: f"Thank {f.contact.call_them}")
    due_on = dt.date(2026, 3, 4)


def daily_only(*users: User) -> None:
    """Switch the weekly digest off, so every day's reminder is the daily.

    A digest still to go out this week takes the daily's place on the day it goes out
    (``reminders.specs.DAILY.gives_way``), and the frozen NOW, a Wednesday, is such a
    day for a user with the default Monday digest who never had one.
    """
    for user in users:
        user.weekly_digest_enabled = False
        user.save(update_fields=["weekly_digest_enabled"])
