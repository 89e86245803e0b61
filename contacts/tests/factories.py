from __future__ import annotations

import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from contacts.models import Contact, ContactLink, Direction, Interaction, LedgerEntry, Tag


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    company = factory.Faker("company")
    title = factory.Faker("job")
    emails = factory.LazyAttribute(lambda c: [f"{c.given_name}.{c.family_name}@example.org".lower()])


class ContactLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactLink

    owner = factory.SubFactory(UserFactory)
    person = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    knows = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))


class InteractionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interaction

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    occurred_at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    note = "Caught up over email."


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LedgerEntry

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    direction = Direction.GAVE
    occurred_on = dt.date(2026, 3, 1)
    description = "Sent an article on UX research."
