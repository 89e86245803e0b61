from __future__ import annotations

import datetime as dt

import factory

from accounts.tests.factories import UserFactory
from contacts.models import Contact, ContactLink, Direction, ImportRun, Interaction, LedgerEntry, Tag
from tests.factories import ModelFactory


class TagFactory(ModelFactory[Tag]):
    class Meta:
        model = Tag

    owner = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"tag {n}")


class ContactFactory(ModelFactory[Contact]):
    class Meta:
        model = Contact
        skip_postgeneration_save = True

    owner = factory.SubFactory(UserFactory)
    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")
    company = factory.Faker("company")
    title = factory.Faker("job")
    emails = factory.LazyAttribute(lambda c: [f"{c.given_name}.{c.family_name}@example.org".lower()])


class ImportRunFactory(ModelFactory[ImportRun]):
    class Meta:
        model = ImportRun

    owner = factory.SubFactory(UserFactory)
    file_name = "Connections.csv"
    format = "linkedin"


class ContactLinkFactory(ModelFactory[ContactLink]):
    class Meta:
        model = ContactLink

    owner = factory.SubFactory(UserFactory)
    person = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    knows = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))


class InteractionFactory(ModelFactory[Interaction]):
    class Meta:
        model = Interaction

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    occurred_at = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)
    note = "Caught up over email."


class LedgerEntryFactory(ModelFactory[LedgerEntry]):
    class Meta:
        model = LedgerEntry

    owner = factory.SubFactory(UserFactory)
    contact = factory.SubFactory(ContactFactory, owner=factory.SelfAttribute("..owner"))
    direction = Direction.GAVE
    occurred_on = dt.date(2026, 3, 1)
    description = "Sent an article on UX research."


def grow_network(owner, count: int, *, tag: Tag | None = None, **fields) -> list[Contact]:
    """``count`` contacts for ``owner`` in one bulk insert (for tests about scale)."""
    people = []
    for i in range(count):
        contact = Contact(
            owner=owner,
            given_name=f"Person{i}",
            family_name=["Smith", "Jones", "Garcia", "Okafor"][i % 4],
            company=["Acme", "Globex", "Initech"][i % 3],
            emails=[f"person{i}@example.org"],
            **fields,
        )
        contact.prepare_for_save()
        people.append(contact)
    people = Contact.objects.bulk_create(people)
    if tag is not None:
        Contact.tags.through.objects.bulk_create([Contact.tags.through(contact_id=c.pk, tag_id=tag.pk) for c in people])
    return people
