from __future__ import annotations

import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from contacts.tests.factories import ContactFactory
from meetings.models import LetterKind, Meeting, MeetingState, OutreachTemplate, Purpose, Question, Search
from tests.factories import ModelFactory


class SearchFactory(ModelFactory[Search]):
    class Meta:
        model = Search

    owner = factory.SubFactory(UserFactory)
    title = "A project-management role in Albuquerque"
    started_on = dt.date(2026, 1, 5)


class MeetingFactory(ModelFactory[Meeting]):
    class Meta:
        model = Meeting

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    state = MeetingState.IDEA


class QuestionFactory(ModelFactory[Question]):
    class Meta:
        model = Question

    owner = factory.SubFactory(UserFactory)
    text = factory.Sequence(lambda n: f"What surprised you most in year {n}?")
    purpose = Purpose.FIELD


class OutreachTemplateFactory(ModelFactory[OutreachTemplate]):
    class Meta:
        model = OutreachTemplate

    owner = factory.SubFactory(UserFactory)
    name = "Through a referral"
    kind = LetterKind.REFERRAL
    subject = "{referrer} suggested I contact you"
    body = "Dear {first_name},\n\n{referrer} suggested I write. Could I have {minutes} minutes?\n\n{my_name}"
