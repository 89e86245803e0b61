"""A record equal to its contact as loaded skips compare(): the plans are the same as the long way's."""

from __future__ import annotations

from datetime import date

import pytest

from contacts.models import Source
from contacts.tests.factories import ContactFactory
from imports.matching import NetworkIndex, Plan
from imports.pipeline import plan_file, run_import

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

pytestmark = pytest.mark.django_db


def linkedin(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


FILE = linkedin(
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,05 Mar 2024",  # equal to her contact
    "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,Admiral,12 Jan 2020",  # fills her blank title
    "Alan,Turing,https://www.linkedin.com/in/alan,ALAN@bletchley.example,Bletchley,Cryptanalyst,30 Nov 2019",
    "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.example,Engines,Engineer,05 Mar 2024",  # adds an email
    "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,05 Mar 2024",  # equal again, after the fill
    "Kay,Johnson,https://www.linkedin.com/in/kay,,NASA,Mathematician,01 Feb 2023",  # new
    "Kay,Johnson,https://www.linkedin.com/in/kay,,NASA,Mathematician,01 Feb 2023",  # repeats a new row
    "Hedy,Lamarr,https://www.linkedin.com/in/hedy,,Films,Actress,09 Nov 2014",  # her title differs: a conflict
    "Mary,Somerville,https://www.linkedin.com/in/mary,,Oxford,Scientist,26 Dec 2018",  # fills her source only
)


# given name, family name, LinkedIn handle, company, title, met on, emails, source
Row = tuple[str, str, str, str, str, date, list[str], str]
LINKEDIN, OTHER = Source.LINKEDIN, Source.OTHER
NETWORK: tuple[Row, ...] = (
    ("Ada", "Lovelace", "ada", "Engines", "Engineer", date(2024, 3, 5), [], LINKEDIN),
    ("Grace", "Hopper", "grace", "Navy", "", date(2020, 1, 12), [], LINKEDIN),
    ("Alan", "Turing", "alan", "Bletchley", "Cryptanalyst", date(2019, 11, 30), ["alan@bletchley.example"], LINKEDIN),
    ("Hedy", "Lamarr", "hedy", "Films", "Inventor", date(2014, 11, 9), [], LINKEDIN),
    ("Mary", "Somerville", "mary", "Oxford", "Scientist", date(2018, 12, 26), [], OTHER),
)  # fmt: skip


def network(owner) -> None:
    for given_name, family_name, handle, company, title, met_on, emails, source in NETWORK:
        ContactFactory(
            owner=owner,
            given_name=given_name,
            family_name=family_name,
            linkedin_url=f"https://www.linkedin.com/in/{handle}",
            company=company,
            title=title,
            met_on=met_on,
            emails=emails,
            source=source,
        )


def summary(plans: list[Plan]) -> list[tuple]:
    return [(p.record.number, p.kind, p.contact_id, p.duplicate_of, p.changes, p.conflicts) for p in plans]


def test_the_short_way_plans_what_compare_would(alice, monkeypatch):
    network(alice)
    _, short = plan_file(alice, FILE)
    monkeypatch.setattr(NetworkIndex, "unchanged", lambda self, key, record: False)

    _, long = plan_file(alice, FILE)

    assert summary(short) == summary(long)
    kinds = [(p.kind, bool(p.changes), bool(p.conflicts)) for p in short]
    assert kinds == [
        ("match", True, False),  # Ada: the email of her second row is carried to her first
        ("match", True, False),
        ("match", False, False),  # Alan: the same email in other letters
        ("duplicate", False, False),
        ("duplicate", False, False),
        ("new", False, False),
        ("duplicate", False, False),
        ("match", False, True),
        ("match", True, False),
    ]


def test_a_reimported_file_takes_the_short_way_for_every_row(alice):
    exported = linkedin(
        "Ada,Lovelace,https://www.linkedin.com/in/ada,ada@engines.example,Engines,Engineer,05 Mar 2024",
        "Grace,Hopper,https://www.linkedin.com/in/grace,,Navy,,",
        "Kay,Johnson,,,NASA,Mathematician,01 Feb 2023",
    )
    run_import(alice, exported, file_name="c.csv")
    index = NetworkIndex.build(alice)

    _, plans = plan_file(alice, exported)

    assert [(p.kind, p.changes, p.conflicts) for p in plans] == [("match", {}, {})] * 3
    assert all(index.unchanged(p.contact_id, p.record) for p in plans if p.contact_id)
