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


def network(owner) -> None:
    common = {"owner": owner, "emails": [], "source": Source.LINKEDIN}
    ContactFactory(
        given_name="Ada", family_name="Lovelace", linkedin_url="https://www.linkedin.com/in/ada", company="Engines",
        title="Engineer", met_on=date(2024, 3, 5), **common,
    )  # fmt: skip
    ContactFactory(
        given_name="Grace", family_name="Hopper", linkedin_url="https://www.linkedin.com/in/grace", company="Navy",
        title="", met_on=date(2020, 1, 12), **common,
    )  # fmt: skip
    ContactFactory(
        given_name="Alan", family_name="Turing", linkedin_url="https://www.linkedin.com/in/alan", company="Bletchley",
        title="Cryptanalyst", met_on=date(2019, 11, 30), **{**common, "emails": ["alan@bletchley.example"]},
    )  # fmt: skip
    ContactFactory(
        given_name="Hedy", family_name="Lamarr", linkedin_url="https://www.linkedin.com/in/hedy", company="Films",
        title="Inventor", met_on=date(2014, 11, 9), **common,
    )  # fmt: skip
    ContactFactory(
        given_name="Mary", family_name="Somerville", linkedin_url="https://www.linkedin.com/in/mary", company="Oxford",
        title="Scientist", met_on=date(2018, 12, 26), **{**common, "source": Source.OTHER},
    )  # fmt: skip


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
