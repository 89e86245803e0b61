"""Drafted messages: built-in wording per kind, a user's own overrides, and safe placeholders.

Users write templates with ``{first_name}``-style placeholders. They are filled by a
plain substitution, never by the Django template engine, so a template typed into
a form cannot reach attributes, filters or tags.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from accounts.models import User
from contacts.models import LedgerKind
from netweave import placeholders
from netweave.placeholders import fill
from netweave.wording import topic_phrase

from .models import DraftKind, DraftTemplate

# Every placeholder any draft can use, with what it means (shown on the templates page).
PLACEHOLDERS: dict[str, str] = {
    "first_name": "What you call them (preferred or given name)",
    "full_name": "Their full name",
    "my_name": "Your name as it appears in letters",
    "referred_name": "The person they introduced you to",
    "meeting_when": 'When the meeting is or was ("on Tuesday 10 March")',
    "promise": "What you promised",
    "search": "The search's title",
    "search_for": 'What the search was for, after "my search": "for the senior PM role", "to learn what UX is like"',
    "outcome": "How the search ended",
    "thanks_for": "A line thanking them for what they did during the search",
}


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str
    # Filled with the user's name: the name, and the draft with {my_name} left to fill, so that
    # a follow-up can show it signed with the user's name as it is later (FollowUp.sign_with).
    signed_as: str = ""
    unsigned: Draft | None = None

    def followup_fields(self) -> dict[str, str]:
        """The draft as a follow-up's columns."""
        unsigned = self.unsigned if self.signed_as else None
        return {
            "subject": self.subject[:200],
            "message": self.body,
            "signed_as": self.signed_as if unsigned else "",
            "unsigned_subject": unsigned.subject[:200] if unsigned else "",
            "unsigned_message": unsigned.body if unsigned else "",
        }


DEFAULTS: dict[str, Draft] = {
    DraftKind.THANK_YOU: Draft(
        subject="Thank you, {first_name}",
        body=(
            "Dear {first_name},\n\n"
            "Thank you for taking the time to talk with me {meeting_when}. Your advice and perspective "
            "were a real help, and I will follow up on your suggestions.\n\n"
            "If there is ever anything I can do for you, please let me know.\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    DraftKind.THANK_REFERRER_SCHEDULED: Draft(
        subject="Thanks for the introduction to {referred_name}",
        body=(
            "Dear {first_name},\n\n"
            "Thanks for referring me to {referred_name}. We have a meeting set up {meeting_when}. "
            "I will let you know how it goes.\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    DraftKind.THANK_REFERRER_HELD: Draft(
        subject="I met {referred_name}: thank you",
        body=(
            "Dear {first_name},\n\n"
            "I met {referred_name} {meeting_when}, and it helped a great deal. Thank you again for "
            "making the introduction.\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    DraftKind.PROMISE: Draft(
        subject="As promised",
        body="Dear {first_name},\n\nAs promised when we met {meeting_when}: {promise}\n\nBest regards,\n{my_name}",
    ),
    DraftKind.OUTCOME_REPORT: Draft(
        subject="How my search ended",
        body=(
            "Dear {first_name},\n\n"
            "I wanted to end the suspense and tell you how my search {search_for} turned out: {outcome}\n\n"
            "{thanks_for} It meant a lot to me.\n\n"
            "If there is ever anything I can do for you, just let me know.\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    DraftKind.REPLY_NUDGE: Draft(
        subject="Following up on my note",
        body=(
            "Dear {first_name},\n\n"
            "I know how busy things get, so I wanted to follow up on my earlier note. I would value "
            "15 minutes of your time, by phone or over coffee, whenever suits you.\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
    DraftKind.KEEP_IN_TOUCH: Draft(
        subject="Catching up",
        body=(
            "Dear {first_name},\n\n"
            "It has been a while, and I wanted to see how you are doing. Is there anything I can help "
            "you with at the moment?\n\n"
            "Best regards,\n{my_name}"
        ),
    ),
}


# What "Thanks again for ..." says of a gift recorded without a description of its own.
THANKS_FOR: dict[str, str] = {
    LedgerKind.INTRODUCTION: "the introduction",
    LedgerKind.ADVICE: "your advice",
    LedgerKind.RESOURCE: "the article you sent",
    LedgerKind.RECOMMENDATION: "the recommendation",
    LedgerKind.JOB_LEAD: "the job lead",
    LedgerKind.FEEDBACK: "your feedback",
    LedgerKind.FAVOUR: "the favour",
    LedgerKind.OTHER: "your help",
}
# A "Thanks for" typed into the description: the sentence already says it.
_THANKS = re.compile(
    r"^(?:(?:many thanks|thanks|thank you)(?: (?:so much|a lot|again))?(?: for\b|(?=\W*$))|for\b)\s*", re.IGNORECASE
)
# The sentence ends with its own full stop; a title's own "?" or "!" inside quotes stays.
_CLOSING = re.compile(r"[\s.,;:!?…]+$")
_BEFORE_CLOSING_QUOTE = re.compile(r"[.,;:]+(?=[\"'”’»]+$)")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


# First words that need no "the" in front: "for my CV", "for all your help", "for two intros".
_DETERMINERS = frozenset(
    {"the", "a", "an", "my", "your", "his", "her", "its", "our", "their", "this", "that", "these", "those"}
    | {"all", "every", "everything", "everyone", "some", "something", "any", "anything", "each", "both"}
    | {"another", "other", "several", "many", "much", "more", "most", "few", "no", "such", "lots", "plenty"}
    | {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens"}
    | {"i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them"}
    | {"what", "whatever", "whoever", "how", "why", "when", "where", "so"}
)
# A search's title that starts with one of these says what it was to do: "Learn what UX research
# is like" -> "my search to learn what UX research is like".
_GOAL_VERBS = frozenset(
    {"learn", "find", "get", "land", "become", "decide", "explore", "figure", "understand", "try", "see", "choose"}
    | {"pick", "join", "leave"}
)
# These are nouns too ("Change management roles"): a verb only before one of _AFTER_VERB.
_GOAL_OR_NOUN = frozenset({"move", "switch", "change", "transition", "pivot", "return", "start", "break", "go", "make"})
_AFTER_VERB = frozenset(
    {"to", "into", "from", "back", "out", "away", "over", "up", "careers", "career", "fields", "a", "an", "my", "the"}
)


def _trimmed(description: str) -> str:
    text = _THANKS.sub("", " ".join(description.split()))
    return _BEFORE_CLOSING_QUOTE.sub("", _CLOSING.sub("", text))


def _is_capitalised(word: str) -> bool:
    """'Advice' or 'Ken', which may be a name; not 'CV', 'LinkedIn', 'I' or 'advice'."""
    return len(word) > 1 and word[0].isupper() and word[1:] == word[1:].lower()


def leading_name(description: str) -> str:
    """The first word of a gift's description if it could be a name: "Ken's number" -> "Ken"."""
    word = _POSSESSIVE.sub("", _trimmed(description).split(" ", 1)[0])
    return word if _is_capitalised(word) and word.isalpha() else ""


def _mid_sentence(text: str, names: Collection[str]) -> str:
    """``text`` lower-cased at the start, unless its first word is a name.

    A name: "I", an acronym or a word with capitals inside ("CV", "LinkedIn"), a
    possessive ("Sam's number": only a name takes one), or one of ``names``.
    """
    word = text.split(" ", 1)[0]
    if len(word) == 1 and word != "I":
        return text[:1].lower() + text[1:]
    if _is_capitalised(word) and not _POSSESSIVE.search(word) and leading_name(text) not in names:
        return text[:1].lower() + text[1:]
    return text


def _needs_the(phrase: str, people: Collection[str]) -> bool:
    """Whether ``phrase`` starts with a bare noun ("article on agile PMOs"), so reads "for the ...".

    Not before a determiner, possessive, quantifier or pronoun ("my CV", "Ken's number",
    "two intros"), a gerund ("helping me prep"), or the name of someone in the network.
    """
    word = phrase.split(" ", 1)[0]
    bare = word.strip("\"'“”‘’()[]")
    if not bare or bare != word or not bare[0].isalpha():
        return False  # a quoted title, a bracket, a digit: left as typed
    lowered = bare.lower()
    return not (
        lowered in _DETERMINERS
        or _POSSESSIVE.search(bare)
        or (lowered.endswith("ing") and len(lowered) > 4)
        or bare in people
    )


def gift_phrase(
    description: str, kind: str, *, names: Collection[str] = (), people: Collection[str] | None = None
) -> str:
    """A gift as the end of "Thanks again for ...", in the words the user typed for it.

    Trimmed (line breaks too), without closing punctuation or a "Thanks for" of its own,
    lower-cased at the start ("Intro to Ken." -> "intro to Ken") unless the first word is a
    name (see ``_mid_sentence``; ``names`` are the people and companies in the network), and
    with "the" before a bare noun ("the intro to Ken", "the LinkedIn recommendation"), not
    before a determiner, a gerund or the name of one of ``people`` (``names`` if not given).
    Nothing left to say: the kind's own words ("the introduction").
    """
    text = _trimmed(description)
    if not any(character.isalnum() for character in text):
        return THANKS_FOR[kind]
    phrase = _mid_sentence(text, names)
    return f"the {phrase}" if _needs_the(phrase, names if people is None else people) else phrase


def outcome_phrase(outcome: str, *, names: Collection[str] = ()) -> str:
    """A search's outcome after "... turned out: ", ending with its full stop.

    "Decided to stay in PM" -> "decided to stay in PM."; "I accepted", "PMI offered" and
    "Acme offered" (a company in the network, one of ``names``) keep their capital.
    """
    text = " ".join(outcome.split())
    text = _mid_sentence(text, names) if text else "the search is over"
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def search_purpose(title: str) -> str:
    """What a search was for, after "my search": "for the senior PM role", "to learn what UX research is like"."""
    phrase = topic_phrase(title)
    words = phrase.split()
    if not words:
        return ""
    first, following = words[0].lower(), (words[1].lower() if len(words) > 1 else "")
    if first in _GOAL_VERBS or (first in _GOAL_OR_NOUN and following in _AFTER_VERB):
        return f"to {phrase}"
    return f"for {phrase}"


def unknown_placeholders(template: str) -> list[str]:
    return placeholders.unknown_placeholders(template, PLACEHOLDERS)


class DraftBook:
    """The drafts for one or many users, loaded in one query; falls back to the defaults."""

    def __init__(self, overrides: Iterable[DraftTemplate]) -> None:
        self._overrides = {(t.owner_id, t.kind): Draft(t.subject, t.body) for t in overrides}

    @classmethod
    def for_users(cls, user_ids: Iterable[int]) -> DraftBook:
        return cls(DraftTemplate.objects.filter(owner_id__in=list(user_ids)))

    def draft(self, user: User, kind: str) -> Draft:
        return self._overrides.get((user.pk, kind), DEFAULTS[kind])

    def render(self, user: User, kind: str, values: Mapping[str, str]) -> Draft:
        draft = self.draft(user, kind)
        filled = {"my_name": user.name_for_letters, **values}
        signed = Draft(subject=fill(draft.subject, filled), body=fill(draft.body, filled))
        signature = {"my_name": filled.pop("my_name")}
        unsigned = Draft(subject=fill(draft.subject, filled), body=fill(draft.body, filled))
        resigned = Draft(subject=fill(unsigned.subject, signature), body=fill(unsigned.body, signature))
        # Only where the name went in through {my_name} alone: not a "{my_name}" typed into a value.
        if unsigned == signed or resigned != signed:
            return signed
        return Draft(subject=signed.subject, body=signed.body, signed_as=signature["my_name"], unsigned=unsigned)
