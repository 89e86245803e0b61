"""An outcome report thanks each gift in the user's own words, fitted into "Thanks again for ...".

The description is typed into the ledger as a label ("Intro to Ken."), not as the middle
of a sentence: the report trims it, drops its closing punctuation and a "Thanks for" the
sentence already says, lower-cases its first letter unless the first word is a name, and
puts "the" before a bare noun ("Thanks again for the intro to Ken").
"""

from __future__ import annotations

import datetime as dt

import pytest

from contacts.models import Direction, LedgerKind
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from followups import services
from followups.drafts import gift_phrase
from meetings.tests.factories import SearchFactory

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("A job lead at Acme", "a job lead at Acme"),
        ("Intro to Ken.", "the intro to Ken"),
        ("  Intro to Ken.  \n", "the intro to Ken"),
        ("Intro to Ken..", "the intro to Ken"),
        ("Intro to Ken!!", "the intro to Ken"),
        ("Intro to Ken…", "the intro to Ken"),
        ("Intro to Ken;", "the intro to Ken"),
        ("Intro to Ken\nand to his manager", "the intro to Ken and to his manager"),
        ("CV review", "the CV review"),
        ("CVs for the PMO role", "the CVs for the PMO role"),
        ("LinkedIn recommendation", "the LinkedIn recommendation"),
        ("McKinsey contacts", "the McKinsey contacts"),
        ("iOS tips", "the iOS tips"),
        ("I owe him one", "I owe him one"),
        ("Thanks for the intro to Ken", "the intro to Ken"),
        ("Thank you so much for the intro to Ken!", "the intro to Ken"),
        ("thanks again for the coffee", "the coffee"),
        ("for the intro", "the intro"),
        ("Formatting tips for my CV", "formatting tips for my CV"),
        ('The book "Range".', 'the book "Range"'),
        ('The book "Range."', 'the book "Range"'),
        ('The book "Who Moved My Cheese?"', 'the book "Who Moved My Cheese?"'),
        ("The intro (to Ken)", "the intro (to Ken)"),
    ],
)
def test_the_users_words_are_fitted_into_the_sentence(description, expected):
    assert gift_phrase(description, LedgerKind.OTHER) == expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # The demo's gifts (contacts/demo.py LEDGER_NOTES), as the review found them.
        ("Article on agile PMOs", "the article on agile PMOs"),
        ("Intro to a recruiter at Globex", "the intro to a recruiter at Globex"),
        ("Feedback on my resume", "the feedback on my resume"),
        ("Coffee and advice on the PMP", "the coffee and advice on the PMP"),
        # Already with its determiner, possessive, quantifier or pronoun.
        ("An intro to Ken", "an intro to Ken"),
        ("My first referral", "my first referral"),
        ("Your notes on my CV", "your notes on my CV"),
        ("Their referral to Acme", "their referral to Acme"),
        ("This week's intro", "this week's intro"),
        ("Those two intros", "those two intros"),
        ("All the intros", "all the intros"),
        ("Everything at the fair", "everything at the fair"),
        ("Some advice on salary", "some advice on salary"),
        ("Each of the intros", "each of the intros"),
        ("Both intros", "both intros"),
        ("Another intro", "another intro"),
        ("Two intros at Acme", "two intros at Acme"),
        ("3 intros at Acme", "3 intros at Acme"),
        # A gerund says what they did.
        ("Helping me prep for the panel", "helping me prep for the panel"),
        ("Introducing me to Ken", "introducing me to Ken"),
    ],
)
def test_a_bare_noun_gets_its_article_and_nothing_else_does(description, expected):
    assert gift_phrase(description, LedgerKind.OTHER) == expected


@pytest.mark.parametrize("description", ["", "   ", "\n", ".", "...", "Thanks!", "thank you."])
def test_nothing_left_to_say_falls_back_to_the_kinds_words(description):
    assert gift_phrase(description, LedgerKind.INTRODUCTION) == "the introduction"
    assert gift_phrase(description, LedgerKind.ADVICE) == "your advice"


def test_a_first_word_naming_someone_or_a_company_keeps_its_capital():
    names, people = {"Ken", "Globex"}, {"Ken"}
    assert gift_phrase("Ken's number", LedgerKind.OTHER, names=names, people=people) == "Ken's number"
    assert gift_phrase("Ken’s number.", LedgerKind.OTHER, names=names, people=people) == "Ken’s number"
    assert gift_phrase("Ken Ng's number", LedgerKind.OTHER, names=names, people=people) == "Ken Ng's number"
    # A company's name describes the gift, which still needs its article.
    assert gift_phrase("Globex referral", LedgerKind.OTHER, names=names, people=people) == "the Globex referral"
    # Only a name takes a possessive, in the network or not.
    assert gift_phrase("Kenny's number", LedgerKind.OTHER, names=names, people=people) == "Kenny's number"
    assert gift_phrase("Kennel tips", LedgerKind.OTHER, names=names, people=people) == "the kennel tips"
    assert gift_phrase("Advice on my CV", LedgerKind.OTHER, names=names, people=people) == "the advice on my CV"


@pytest.mark.django_db
def test_an_outcome_report_reads_well_whatever_the_descriptions_look_like(alice):
    search = SearchFactory(owner=alice, started_on=dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 4), outcome="Done")
    ContactFactory(owner=alice, given_name="Ken", family_name="Ng")
    ContactFactory(owner=alice, given_name="Gail", family_name="Ivers", company="Globex Corp")
    rita = ContactFactory(owner=alice, given_name="Rita", family_name="Reyes")
    for day, kind, description in (
        (1, LedgerKind.INTRODUCTION, "Thanks for the intro to Ken. "),
        (2, LedgerKind.INTRODUCTION, "Ken's manager's email."),
        (3, LedgerKind.JOB_LEAD, "Globex opening…"),
    ):
        LedgerEntryFactory(
            owner=alice,
            contact=rita,
            direction=Direction.RECEIVED,
            kind=kind,
            occurred_on=dt.date(2026, 2, day),
            description=description,
        )

    [report] = [r for r in services.search_closed(search) if r.contact == rita]

    assert (
        "Thanks again for the intro to Ken, for Ken's manager's email and for the Globex opening. It meant"
    ) in report.message
    assert ".." not in report.message and "for ." not in report.message
