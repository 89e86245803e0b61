"""Small helpers that put labels and titles into the middle of a sentence correctly.

Labels are written for buttons and headings ("I received", "A job lead", "Senior PM
role"); messages, drafts and letters put them mid-sentence. A plain ``.lower()``
turns "I received" into "i received" and "PM" into "pm", so every such sentence goes
through these instead.
"""

from __future__ import annotations

from collections.abc import Sequence

ARTICLES = ("a", "an", "the", "my", "your", "our", "their", "his", "her", "this", "that")
# Titles ending in one of these name one particular thing, so the sentence needs "the":
# "learning about the senior PM role", but "learning about product management".
COUNTABLE_ENDINGS = frozenset(
    {"role", "job", "position", "opening", "opportunity", "move", "switch", "change", "search", "team", "program"}
)


def mid_sentence(text: str) -> str:
    """``text`` as it reads after the start of a sentence: 'Advice' -> 'advice'.

    'I received' keeps its capital I, and a first word in capitals ('CV review',
    'PM role') stays as typed.
    """
    text = text.strip()
    first_word = text.split(" ", 1)[0]
    if first_word == "I" or (len(first_word) > 1 and first_word.isupper()):
        return text
    return text[:1].lower() + text[1:]


def sentence_start(text: str) -> str:
    """``text`` as the start of a sentence: 'advice' -> 'Advice'."""
    text = text.strip()
    return text[:1].upper() + text[1:]


def join_and(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def with_article(noun: str) -> str:
    """'engineer' -> 'an engineer', 'Senior PM' -> 'a Senior PM'."""
    noun = noun.strip()
    first_word = noun.split(" ", 1)[0]
    # Acronyms read letter by letter: "an SRE", "a PM".
    if len(first_word) > 1 and first_word.isupper():
        vowel_sound = first_word[0] in "AEFHILMNORSX"
    else:
        vowel_sound = first_word[:1].lower() in "aeiou"
    return f"{'an' if vowel_sound else 'a'} {noun}"


def topic_phrase(title: str) -> str:
    """A search's title as the object of 'learning about ...'.

    'Senior PM role' -> 'the senior PM role'; 'Product management' -> 'product
    management'; 'My move to Berlin' -> 'my move to Berlin'.
    """
    phrase = mid_sentence(title.strip().rstrip("."))
    words = phrase.split()
    if not words:
        return phrase
    if words[0].lower() in ARTICLES:
        return words[0].lower() + phrase[len(words[0]) :]
    if words[-1].lower() in COUNTABLE_ENDINGS:
        return f"the {phrase}"
    return phrase
