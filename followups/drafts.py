"""Drafted messages: built-in wording per kind, a user's own overrides, and safe placeholders.

Users write templates with ``{first_name}``-style placeholders. They are filled by a
plain substitution, never by the Django template engine, so a template typed into
a form cannot reach attributes, filters or tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from accounts.models import User
from netweave import placeholders
from netweave.placeholders import fill

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
    "outcome": "How the search ended",
    "thanks_for": "A line thanking them for what they did during the search",
}


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


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
            "I wanted to end the suspense and tell you how my search ({search}) turned out: {outcome}\n\n"
            "{thanks_for} Your help made a real difference along the way.\n\n"
            "If there is anything I can do for you, I would be glad to return the favour.\n\n"
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
        values = {"my_name": user.name_for_letters, **values}
        return Draft(subject=fill(draft.subject, values), body=fill(draft.body, values))
