"""Labels and titles put mid-sentence: capitals where English wants them, articles where needed."""

from __future__ import annotations

import pytest

from netweave.wording import join_and, mid_sentence, topic_phrase, with_article


@pytest.mark.parametrize(
    ("label", "expected"),
    [("Advice", "advice"), ("I received", "I received"), ("CV review", "CV review"), ("A job lead", "a job lead")],
)
def test_a_label_mid_sentence_keeps_i_and_acronyms(label, expected):
    assert mid_sentence(label) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior PM role", "the senior PM role"),
        ("Product management", "product management"),
        ("A project-management role in Albuquerque", "a project-management role in Albuquerque"),
        ("My move to Berlin", "my move to Berlin"),
        ("UX research job", "the UX research job"),
    ],
)
def test_a_search_title_becomes_a_topic_that_reads_naturally(title, expected):
    assert topic_phrase(title) == expected


def test_articles_follow_the_sound_of_the_word():
    assert with_article("Engineering Manager") == "an Engineering Manager"
    assert with_article("Program Director") == "a Program Director"
    assert with_article("SRE") == "an SRE"
    assert with_article("PM") == "a PM"


def test_lists_are_joined_with_and():
    assert join_and(["a"]) == "a"
    assert join_and(["a", "b"]) == "a and b"
    assert join_and(["a", "b", "c"]) == "a, b and c"
