"""A realistic demo network, written with bulk inserts so 30,000 people take seconds."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import cast

from django.db import connection

from accounts.models import User

from .models import (
    Channel,
    Contact,
    ContactLink,
    Direction,
    Interaction,
    LedgerEntry,
    LedgerKind,
    Source,
    Stage,
    Tag,
)

GIVEN_NAMES = [
    "Alice",
    "Ken",
    "Maria",
    "Sam",
    "Priya",
    "Tom",
    "Fatima",
    "Luis",
    "Grace",
    "Omar",
    "Hannah",
    "Raj",
    "Chloe",
    "Diego",
    "Mei",
    "Jonas",
    "Aisha",
    "Peter",
    "Sofia",
    "Kwame",
    "Elena",
    "Noah",
    "Yuki",
    "Ben",
    "Amara",
    "Lucas",
    "Ingrid",
    "Tariq",
    "Nora",
    "Felix",
    "Leila",
    "Marco",
    "Ruth",
    "Ivan",
    "Zara",
    "Owen",
    "Keiko",
    "Hugo",
    "Dara",
    "Malik",
]
FAMILY_NAMES = [
    "Smith",
    "Watanabe",
    "Garcia",
    "Patel",
    "Okafor",
    "Nguyen",
    "Schmidt",
    "Rossi",
    "Kim",
    "Haddad",
    "Cohen",
    "Silva",
    "Murphy",
    "Novak",
    "Jensen",
    "Larsen",
    "Moreno",
    "Tanaka",
    "Dubois",
    "Kowalski",
    "Mensah",
    "Ali",
    "Fischer",
    "Costa",
    "Brennan",
    "Ivanova",
    "Sato",
    "Lopez",
    "Becker",
    "Adeyemi",
    "Quinn",
    "Walsh",
]
COMPANIES = (
    "Acme Corp",
    "Globex",
    "Initech",
    "Umbrella Health",
    "Stark Analytics",
    "Wayne Logistics",
    "Hooli",
    "Vandelay Industries",
    "Sandia Labs",
    "Presbyterian Health",
    "City of Albuquerque",
    "Los Alamos Consulting",
    "Bluebird Design",
    "Northwind Traders",
    "Tyrell Systems",
    "Cyberdyne Robotics",
)
TITLES = (
    "Project Manager",
    "Senior Project Manager",
    "Program Director",
    "UX Researcher",
    "Product Manager",
    "Engineering Manager",
    "Hiring Manager",
    "Recruiter",
    "Operations Lead",
    "Business Analyst",
    "Career Coach",
    "Consultant",
    "Founder",
    "Data Scientist",
    "HR Director",
)
LOCATIONS = ("Albuquerque, NM", "Santa Fe, NM", "Denver, CO", "Phoenix, AZ", "Austin, TX", "Remote")
SOURCE_DETAILS = {
    Source.ALUMNI: "UNM alumni mixer",
    Source.ASSOCIATION: "PMI chapter dinner meeting",
    Source.CHAMBER: "Chamber of commerce breakfast",
    Source.SOCIAL: "Dog park, Sunday mornings",
    Source.FAMILY: "Cousin's wedding",
    Source.COLLEAGUE: "Worked together at Initech",
    Source.LINKEDIN: "Connected after a post about agile",
    Source.COLD: "Cold email about their talk",
    Source.EVENT: "ProductCamp 2025",
    Source.INTRODUCTION: "",
    Source.OTHER: "Book club",
}
TAGS = (
    ("Hiring", "#b91c1c"),
    ("Mentor", "#0f766e"),
    ("Alumni", "#1d4ed8"),
    ("PM community", "#7c3aed"),
    ("Neighbour", ""),
    ("Acme", "#be185d"),
)
NICKNAMES = {"Alice": "Ali", "Peter": "Pete", "Elena": "Lena", "Benjamin": "Ben", "Sofia": "Sof", "Hannah": "Hanna"}
LEDGER_NOTES = (
    "Article on agile PMOs",
    "Intro to a recruiter at Globex",
    "Feedback on my resume",
    "LinkedIn recommendation",
    "Coffee and advice on the PMP",
    "",
)
BATCH = 5000


def seed_network(user: User, *, count: int, now: datetime, rng: random.Random) -> list[Contact]:
    """Give ``user`` ``count`` contacts with chains of introductions, links, touches and a ledger."""
    sources = list(Source)
    source_weights = [6, 4, 3, 5, 3, 8, 30, 4, 6, 8, 3]
    stages = list(Stage)
    stage_weights = [10, 55, 25, 10]

    # Every name once before any repeats, so a demo of a few hundred has no accidental namesakes.
    names = [(given, family) for given in GIVEN_NAMES for family in FAMILY_NAMES]
    rng.shuffle(names)
    contacts: list[Contact] = []
    for i in range(count):
        given, family = names[i % len(names)]
        source = rng.choices(sources, source_weights)[0]
        company = rng.choice(COMPANIES)
        contact = Contact(
            owner=user,
            given_name=given,
            family_name=family,
            emails=[f"{given}.{family}{i}@{company.split()[0].lower()}.example"] if rng.random() < 0.7 else [],
            phones=[f"+1 505 555 {rng.randrange(10000):04d}"] if rng.random() < 0.3 else [],
            company=company,
            title=rng.choice(TITLES),
            location=rng.choice(LOCATIONS),
            linkedin_url=f"https://www.linkedin.com/in/{given.lower()}-{family.lower()}-{i}"
            if rng.random() < 0.6
            else "",
            source=source,
            source_detail=SOURCE_DETAILS[source],
            met_on=(now - timedelta(days=rng.randrange(30, 2000))).date(),
            stage=rng.choices(stages, stage_weights)[0],
            sells_time=rng.random() < 0.08,
            notes=rng.choice(
                (
                    "",
                    "",
                    "Loves talking about agile at scale.\nAsk about her move to product.",
                    "Runs the PMI chapter's mentoring circle.",
                    "Knows everyone at Acme.",
                )
            ),
            preferred_name=NICKNAMES.get(given, "") if rng.random() < 0.5 else "",
            website=f"https://{given.lower()}{family.lower()}.example" if rng.random() < 0.1 else "",
            cadence_days=rng.choice((14, 21, 45, 90)) if rng.random() < 0.05 else None,
            how_i_can_help=rng.choice(("", "Share my notes on PMP prep.", "Introduce to the UX meetup organiser.")),
            how_they_can_help=rng.choice(("", "Insight into Acme's PMO.", "Could introduce me to hiring managers.")),
        )
        if contact.stage == Stage.WANT_TO_MEET:
            contact.source = Source.COLD
        if contact.emails and rng.random() < 0.1:
            contact.emails.append(f"{given.lower()}{i}@home.example")
        if contact.phones and rng.random() < 0.2:
            contact.phones.append(f"+1 505 555 {rng.randrange(10000):04d}")
        contact.prepare_for_save()
        contacts.append(contact)
    _twins(contacts, rng)
    # Decide everything that lands on the contact rows before inserting them: updating
    # 30,000 rows afterwards with bulk_update cost 20 s a column on this machine.
    introductions = _introductions(contacts, rng)
    interactions, ledger = _touches_and_ledger(user, contacts, now=now, rng=rng)
    _save_contacts(contacts)
    _set_introducers(contacts, introductions)
    Interaction.objects.bulk_create(interactions, batch_size=BATCH)
    LedgerEntry.objects.bulk_create(ledger, batch_size=BATCH)
    _tags(user, contacts, rng)
    _links(user, contacts, rng)
    return contacts


def _twins(contacts: list[Contact], rng: random.Random) -> None:
    """Turn the last few contacts into second records of earlier people (as a second import
    makes them), so the duplicates page has something to merge; ``count`` stays exact.
    """
    sources = contacts[: max(0, len(contacts) - 6)]
    for position, rule in enumerate(("email", "linkedin", "name") * 2):
        if len(contacts) < 20:
            break
        original = sources[rng.randrange(len(sources))]
        twin = contacts[len(contacts) - 1 - position]
        twin.given_name, twin.family_name = original.given_name, original.family_name
        twin.emails = []
        if rule == "email" and original.emails:
            twin.emails = [original.emails[0].upper()]
        elif rule == "linkedin" and original.linkedin_url:
            twin.linkedin_url = original.linkedin_url.replace("https://www.", "http://") + "/"
        else:
            twin.company = original.company
        twin.prepare_for_save()


def _save_contacts(contacts: list[Contact]) -> None:
    for start in range(0, len(contacts), BATCH):
        Contact.objects.bulk_create(contacts[start : start + BATCH])


def _introductions(contacts: list[Contact], rng: random.Random) -> list[tuple[int, int]]:
    """Chains several levels deep (you -> Alice -> Ken -> Maria -> ...) plus scattered referrals.

    Returns (position, introducer's position) pairs, linked once the rows have ids.
    """
    pairs = []
    chain_length = min(6, len(contacts))
    for position in range(1, chain_length):
        contacts[position].source = Source.INTRODUCTION
        contacts[position].source_detail = "Introduced over coffee"
        pairs.append((position, position - 1))
    for position in range(chain_length, len(contacts)):
        if rng.random() < 0.2:
            contacts[position].source = Source.INTRODUCTION
            contacts[position].source_detail = rng.choice(("Introduced by email", "Introduced at a PMI dinner", ""))
            pairs.append((position, rng.randrange(position)))
    return pairs


def _set_introducers(contacts: list[Contact], pairs: list[tuple[int, int]]) -> None:
    """Point each introduced contact at its introducer, in one UPDATE."""
    for position, introducer in pairs:
        contacts[position].introduced_by_id = contacts[introducer].pk
    _update_column([contacts[position] for position, _ in pairs], "introduced_by_id", "bigint")


def _update_column(contacts: list[Contact], column: str, sql_type: str) -> None:
    """Write one column of many contacts in a single UPDATE (bulk_update builds a CASE per row)."""
    # SQLite (the make-run fallback) has no unnest() or array casts: bulk_update does the same.
    if connection.vendor != "postgresql":
        Contact.objects.bulk_update(contacts, [column], batch_size=BATCH)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE contacts_contact SET {column} = changes.value"  # noqa: S608 - column names are ours
            f" FROM unnest(%s::bigint[], %s::{sql_type}[]) AS changes(id, value)"
            " WHERE contacts_contact.id = changes.id",
            [[c.pk for c in contacts], [getattr(c, column) for c in contacts]],
        )


def _tags(user: User, contacts: list[Contact], rng: random.Random) -> None:
    tags = Tag.objects.bulk_create([Tag(owner=user, name=name, color=color) for name, color in TAGS])
    through = Contact.tags.through
    rows = [
        through(contact_id=contact.pk, tag_id=tag.pk)
        for contact in contacts
        if rng.random() < 0.3
        for tag in rng.sample(tags, rng.randint(1, 2))
    ]
    through.objects.bulk_create(rows, batch_size=BATCH)


def _links(user: User, contacts: list[Contact], rng: random.Random) -> None:
    if len(contacts) < 2:
        return
    pairs = set()
    for _ in range(max(1, len(contacts) // 10)):
        a, b = rng.sample(range(len(contacts)), 2)
        pairs.add((a, b))
    ContactLink.objects.bulk_create(
        [
            ContactLink(
                owner=user,
                person=contacts[a],
                knows=contacts[b],
                note=rng.choice(("", "former manager", "old classmate", "same team")),
            )
            for a, b in pairs
        ],
        batch_size=BATCH,
    )


def restart_clocks(touches: list[Interaction]) -> None:
    """Move each contact's ``last_contacted_at`` forward to their latest touch in ``touches`` (one UPDATE)."""
    latest: dict[int, Interaction] = {}
    for touch in touches:
        if touch.contact_id not in latest or touch.occurred_at > latest[touch.contact_id].occurred_at:
            latest[touch.contact_id] = touch
    changed = []
    for touch in latest.values():
        contact = touch.contact
        if contact.last_contacted_at is None or contact.last_contacted_at < touch.occurred_at:
            contact.last_contacted_at = touch.occurred_at
            changed.append(contact)
    _update_column(changed, "last_contacted_at", "timestamptz")


def _touches_and_ledger(
    user: User, contacts: list[Contact], *, now: datetime, rng: random.Random
) -> tuple[list[Interaction], list[LedgerEntry]]:
    """Touches and ledger lines for about half the network; sets each contact's ``last_contacted_at``."""
    interactions: list[Interaction] = []
    ledger: list[LedgerEntry] = []
    channels = list(Channel)
    for contact in contacts:
        if contact.stage == Stage.WANT_TO_MEET or rng.random() < 0.35:
            continue
        latest: datetime | None = None
        for _ in range(rng.randint(1, 3)):
            when = now - timedelta(days=rng.randrange(1, 240), hours=rng.randrange(24))
            latest = max(latest, when) if latest else when
            interactions.append(
                Interaction(
                    owner=user,
                    contact=contact,
                    occurred_at=when,
                    channel=rng.choice(channels),
                    note=rng.choice(
                        (
                            "Caught up.",
                            "Sent congratulations on the new role.",
                            "Commented on their post about hiring.",
                            "",
                        )
                    ),
                )
            )
        contact.last_contacted_at = latest
        if rng.random() < 0.3:
            # Some relationships lean one way: a mentor who keeps giving, a friend you keep helping.
            lean = rng.choice((Direction.GAVE, Direction.RECEIVED, None))
            ledger.extend(
                LedgerEntry(
                    owner=user,
                    contact=contact,
                    direction=lean if lean and rng.random() < 0.8 else rng.choice(list(Direction)),
                    kind=rng.choice(list(LedgerKind)),
                    occurred_on=(cast(datetime, latest) - timedelta(days=rng.randrange(0, 90))).date(),
                    description=rng.choice(LEDGER_NOTES),
                )
                for _ in range(rng.choice((1, 1, 2, 3, 5)))
            )
    return interactions, ledger
