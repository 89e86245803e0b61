"""Writes for searches and meetings. Views, admin, commands and the demo all call these."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import User, new_calendar_token
from contacts import services as contact_services
from contacts.models import Contact, Direction, Source
from followups import services as followup_services
from netweave.cache import bump_owner
from netweave.ownership import assert_same_owner

from .defaults import DEFAULT_QUESTIONS, DEFAULT_TEMPLATES
from .models import Meeting, MeetingQuestion, MeetingState, OutreachTemplate, Question, Search


class TransitionRefused(Exception):
    """A lifecycle step that does not fit the meeting's state; the message is for the user."""


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    stamp: str  # the field that records when the step happened
    done: str  # past participle for messages: "marked as held"


_S = MeetingState
TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("mark_sent", "Mark letter as sent", frozenset({_S.IDEA}), _S.REQUESTED, "requested_at", "requested"),
        Transition(
            "schedule",
            "Schedule",
            # A late answer after "no reply" still deserves a meeting.
            frozenset({_S.IDEA, _S.REQUESTED, _S.NO_REPLY}),
            _S.SCHEDULED,
            "scheduled_at",
            "scheduled",
        ),
        Transition("hold", "Mark as held", frozenset({_S.SCHEDULED}), _S.HELD, "held_at", "marked as held"),
        Transition("decline", "They declined", frozenset({_S.REQUESTED}), _S.DECLINED, "closed_at", "declined"),
        Transition("no_reply", "No reply", frozenset({_S.REQUESTED}), _S.NO_REPLY, "closed_at", "marked as no reply"),
        Transition(
            "cancel",
            "Cancel",
            frozenset({_S.IDEA, _S.REQUESTED, _S.SCHEDULED}),
            _S.CANCELLED,
            "closed_at",
            "cancelled",
        ),
    )
}


def allowed_transitions(meeting: Meeting, *, now: datetime | None = None) -> list[Transition]:
    """The steps that fit the meeting's state, in lifecycle order (for its buttons).

    "Mark as held" waits until the meeting has started: before that it can only be a slip.
    """
    now = now or timezone.now()
    return [
        t
        for t in TRANSITIONS.values()
        if meeting.state in t.sources and not (t.name == "hold" and meeting.starts_at and meeting.starts_at > now)
    ]


def _move(meeting: Meeting, name: str, *, when: datetime, **changes: object) -> Meeting:
    transition = TRANSITIONS[name]
    # Lock the row so two clicks (or two tabs) cannot both move the meeting.
    current = Meeting.objects.select_for_update().only("state").get(pk=meeting.pk)
    if current.state not in transition.sources:
        state = MeetingState(current.state).label.lower()
        raise TransitionRefused(f"This meeting is {state}, so it can't be {transition.done}.")
    meeting.state = transition.target
    setattr(meeting, transition.stamp, when)
    for field, value in changes.items():
        setattr(meeting, field, value)
    meeting.save(update_fields=["state", transition.stamp, "updated_at", *changes])
    bump_owner(meeting.owner_id)
    return meeting


# How far back a letter's sent date may go: older dates are almost always a typo in the year.
LETTER_BACKDATE_LIMIT = timedelta(days=365)


@transaction.atomic
def mark_letter_sent(meeting: Meeting, *, when: datetime, sent_at: datetime | None = None) -> Meeting:
    """The outreach letter went out: the meeting is requested as of ``sent_at`` (default ``when``).

    A letter sent a few days ago can be recorded with its real date, which the
    reply nudge counts from; a date in the future or over a year back is refused.
    """
    sent_at = sent_at or when
    if sent_at > when:
        raise TransitionRefused("A letter can't be sent in the future; pick today or an earlier day.")
    if sent_at < when - LETTER_BACKDATE_LIMIT:
        raise TransitionRefused("Pick a sent date within the last year.")
    return _move(meeting, "mark_sent", when=sent_at)


@transaction.atomic
def schedule_meeting(meeting: Meeting, *, when: datetime, starts_at: datetime | None = None) -> Meeting:
    """They said yes: the meeting has a time. Thanks the referrer through the follow-ups rules."""
    starts_at = starts_at or meeting.starts_at
    if starts_at is None:
        raise TransitionRefused("Pick a date and time to schedule this meeting.")
    _move(meeting, "schedule", when=when, starts_at=starts_at)
    followup_services.meeting_scheduled(meeting)
    return meeting


def held_moment(meeting: Meeting, *, now: datetime) -> datetime:
    """When a meeting marked held at ``now`` took place: at its time if that has come, else ``now``.

    Marking it held the next day must not move the meeting to the click: its timeline
    entry, the touch it logs (the keep-in-touch clock) and both thank-yous all count from
    this one moment. With no time set, or a time still ahead, all we know is ``now``.
    """
    if meeting.starts_at is not None and meeting.starts_at <= now:
        return meeting.starts_at
    return now


@transaction.atomic
def hold_meeting(meeting: Meeting, *, when: datetime) -> Meeting:
    """It happened: log it as a touch (which restarts the keep-in-touch clock) and queue the thank-yous.

    ``when`` is the moment the user says so; the meeting is held at ``held_moment()``.
    """
    if meeting.starts_at and meeting.starts_at > when:
        raise TransitionRefused("This meeting has not started yet; mark it as held after it happens.")
    held_at = held_moment(meeting, now=when)
    _move(meeting, "hold", when=held_at)
    contact_services.log_interaction(
        meeting.contact, occurred_at=held_at, channel=meeting.touch_channel, note=meeting.touch_note
    )
    # Reads ``meeting.held_at``: the thank-yous are due counting from the meeting, not the click.
    followup_services.meeting_held(meeting)
    return meeting


@transaction.atomic
def decline_meeting(meeting: Meeting, *, when: datetime) -> Meeting:
    return _move(meeting, "decline", when=when)


@transaction.atomic
def mark_no_reply(meeting: Meeting, *, when: datetime) -> Meeting:
    return _move(meeting, "no_reply", when=when)


@transaction.atomic
def cancel_meeting(meeting: Meeting, *, when: datetime) -> Meeting:
    return _move(meeting, "cancel", when=when)


STEP_SERVICES = {
    "mark_sent": mark_letter_sent,
    "hold": hold_meeting,
    "decline": decline_meeting,
    "no_reply": mark_no_reply,
    "cancel": cancel_meeting,
}


# --- After the meeting ----------------------------------------------------------------


@dataclass(frozen=True)
class NewPerson:
    given_name: str
    family_name: str = ""
    company: str = ""
    title: str = ""
    email: str = ""


@dataclass(frozen=True)
class Promise:
    text: str
    due_on: date


@dataclass(frozen=True)
class Exchange:
    kind: str
    description: str


@transaction.atomic
def record_how_it_went(
    meeting: Meeting,
    *,
    notes: str,
    learned: str,
    suggested: Iterable[Contact] = (),
    new_people: Iterable[NewPerson] = (),
    promises: Iterable[Promise] = (),
    gave: Exchange | None = None,
    received: Exchange | None = None,
    on: date,
) -> list[Contact]:
    """Capture what came out of a held meeting in one go; returns the contacts created on the spot.

    New people are introduced by the person met, so the introduction chain grows; each
    promise becomes a follow-up; what was given and received goes in the ledger.
    """
    if meeting.state != MeetingState.HELD:
        raise TransitionRefused("Record how it went once the meeting is marked as held.")
    meeting.notes = notes
    meeting.learned = learned
    meeting.save(update_fields=["notes", "learned", "updated_at"])

    created = []
    for person in new_people:
        contact = Contact(
            owner_id=meeting.owner_id,
            given_name=person.given_name,
            family_name=person.family_name,
            company=person.company,
            title=person.title,
            emails=[person.email] if person.email else [],
            introduced_by=meeting.contact,
            source=Source.INTRODUCTION,
        )
        contact.save()
        created.append(contact)
    # ``suggested`` is the whole list as ticked on the form: editing can also untick someone.
    suggested = list(suggested)
    assert_same_owner(meeting, *suggested)
    meeting.suggested_contacts.set([*suggested, *created])

    for promise in promises:
        followup_services.promise_made(meeting, text=promise.text, due_on=promise.due_on)
    for direction, exchange in ((Direction.GAVE, gave), (Direction.RECEIVED, received)):
        if exchange is not None:
            contact_services.record_exchange(
                meeting.contact,
                direction=direction,
                kind=exchange.kind,
                description=exchange.description,
                occurred_on=on,
            )
    bump_owner(meeting.owner_id)
    return created


# --- Searches -------------------------------------------------------------------------


@transaction.atomic
def close_search(search: Search, *, outcome: str, ended_on: date) -> Search:
    """End the search with its outcome, and let the follow-ups rules propose outcome reports."""
    search.outcome = outcome
    search.ended_on = ended_on
    search.save(update_fields=["outcome", "ended_on"])
    followup_services.search_closed(search)
    bump_owner(search.owner_id)
    return search


def add_to_search(search: Search, *, contact: Contact) -> bool:
    """Put ``contact`` in ``search`` (a recruiter, a mentor, someone to approach). False if already there."""
    assert_same_owner(search, contact)
    _, added = Search.contacts.through.objects.get_or_create(search_id=search.pk, contact_id=contact.pk)
    return added


def remove_from_search(search: Search, *, contact: Contact) -> bool:
    """Take ``contact`` out of ``search``; their meetings in it stay. False if they were not added to it."""
    removed, _ = Search.contacts.through.objects.filter(search_id=search.pk, contact_id=contact.pk).delete()
    return bool(removed)


# --- Question bank and preparation ---------------------------------------------------


def ensure_defaults(user: User) -> None:
    """Give ``user`` the default letters and question bank, once (if they have none).

    Called lazily by the pages that show them, so the common case is two cheap EXISTS
    queries and no transaction.
    """
    if OutreachTemplate.objects.for_owner(user).exists() and Question.objects.for_owner(user).exists():
        return
    with transaction.atomic():
        # Two first visits at once (two tabs) must not seed twice: serialise on the user's row.
        User.objects.select_for_update().filter(pk=user.pk).first()
        if not OutreachTemplate.objects.for_owner(user).exists():
            OutreachTemplate.objects.bulk_create(
                [OutreachTemplate(owner=user, **fields) for fields in DEFAULT_TEMPLATES]
            )
        if not Question.objects.for_owner(user).exists():
            Question.objects.bulk_create(
                [
                    Question(owner=user, purpose=purpose, text=text)
                    for purpose, texts in DEFAULT_QUESTIONS.items()
                    for text in texts
                ]
            )


def pick_question(meeting: Meeting, question: Question) -> MeetingQuestion:
    """Add ``question`` at the end of the meeting's list (picking it twice changes nothing)."""
    assert_same_owner(meeting, question)
    last = meeting.picked_questions.aggregate(last=Max("position"))["last"]
    picked, _ = MeetingQuestion.objects.get_or_create(
        meeting=meeting, question=question, defaults={"position": (last or 0) + 1}
    )
    return picked


def unpick_question(meeting: Meeting, question: Question) -> None:
    meeting.picked_questions.filter(question=question).delete()


@transaction.atomic
def move_question(meeting: Meeting, question: Question, *, up: bool) -> None:
    """Swap the question with its neighbour, renumbering so positions stay 1..n."""
    picked = list(meeting.picked_questions.select_for_update().order_by("position", "id"))
    index = next((i for i, row in enumerate(picked) if row.question_id == question.pk), None)
    if index is None:
        return
    other = index - 1 if up else index + 1
    if 0 <= other < len(picked):
        picked[index], picked[other] = picked[other], picked[index]
    for position, row in enumerate(picked, start=1):
        row.position = position
    MeetingQuestion.objects.bulk_update(picked, ["position"])


@transaction.atomic
def add_own_question(meeting: Meeting, *, text: str, purpose: str) -> Question:
    """A new question goes into the bank (for next time) and onto this meeting's list."""
    question = Question.objects.create(owner_id=meeting.owner_id, text=text, purpose=purpose)
    pick_question(meeting, question)
    return question


def copy_template(template: OutreachTemplate) -> OutreachTemplate:
    return OutreachTemplate.objects.create(
        owner_id=template.owner_id,
        name=f"{template.name} (copy)"[:100],
        kind=template.kind,
        subject=template.subject,
        body=template.body,
    )


# --- Calendar -------------------------------------------------------------------------


def regenerate_calendar_token(user: User) -> str:
    """A new secret for the calendar feed; the old feed URL stops working at once."""
    user.calendar_token = new_calendar_token()
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
