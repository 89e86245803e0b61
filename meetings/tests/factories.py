from __future__ import annotations

import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from contacts.tests.factories import ContactFactory
from meetings.models import Meeting, MeetingState, Search


class SearchFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Search

    owner = factory.SubFactory(UserFactory)
    title = "A project-management role in Albuquerque"
    started_on = dt.date(2026, 1, 5)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    state = MeetingState.IDEA
