from __future__ import annotations

import datetime as dt

import factory

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
