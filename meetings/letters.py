"""Outreach letters: a small, safe placeholder syntax rendered with the contact's and user's fields.

Templates are user input, so they are never run through Django's template engine:
``{first_name}`` is replaced by a value, anything else is left as typed.
"""

from __future__ import annotations

from dataclasses import dataclass

from accounts.models import User
from netweave import placeholders
from netweave.placeholders import fill, mailto_link
from netweave.wording import mid_sentence, topic_phrase, with_article

from .models import Meeting, OutreachTemplate, Purpose

PLACEHOLDERS: dict[str, str] = {
    "first_name": "What they like to be called (Ken)",
    "full_name": "Their full name (Ken Watanabe)",
    "company": "Their company",
    "title": "Their job title",
    "referrer": "Who introduced you (Alice)",
    "how_we_met": "Where you met (from the contact's details)",
    "topic": "What you are learning about (the search's title, or the meeting's purpose)",
    "minutes": "The planned length in minutes (20)",
    "my_name": "Your name, as set in your preferences",
}


def unknown_placeholders(text: str) -> list[str]:
    """The ``{names}`` in ``text`` that the letter does not know, for a form error."""
    return placeholders.unknown_placeholders(text, PLACEHOLDERS)


def letter_values(meeting: Meeting, *, user: User) -> dict[str, str]:
    contact = meeting.contact
    referrer = contact.introduced_by
    if meeting.search:
        topic = topic_phrase(meeting.search.title)
    else:
        topics: dict[str, str] = {
            Purpose.FIELD: "the work you do",
            Purpose.COMPANY: f"working at {contact.company}" if contact.company else "your company",
            Purpose.ROLE: f"what {with_article(contact.title)} does" if contact.title else "your role",
        }
        topic = topics.get(meeting.purpose, "my next career step")
    return {
        "first_name": contact.call_them,
        "full_name": contact.full_name,
        "company": contact.company or "your company",
        "title": contact.title or "your role",
        "referrer": referrer.call_them if referrer else "a mutual contact",
        "how_we_met": contact.source_detail or mid_sentence(contact.get_source_display()),
        "topic": topic,
        "minutes": str(meeting.duration_minutes),
        "my_name": user.name_for_letters,
    }


@dataclass(frozen=True)
class Letter:
    to: str
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """A ``mailto:`` link that opens the user's own mail client; netweave never sends it."""
        return mailto_link(self.to, subject=self.subject, body=self.body)


def render_letter(template: OutreachTemplate, *, meeting: Meeting, user: User) -> Letter:
    values = letter_values(meeting, user=user)
    return Letter(
        to=meeting.contact.primary_email,
        subject=fill(template.subject, values),
        body=fill(template.body, values),
    )
