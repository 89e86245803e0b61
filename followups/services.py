"""The rules that create follow-ups, and the one-button actions on them.

Contract (the meetings app calls these; this app implements them):
- ``meeting_scheduled(meeting)``: a meeting moved to scheduled.
- ``meeting_held(meeting)``: a meeting was marked held.
- ``promise_made(meeting, text=..., due_on=...)``: a promise captured after a meeting.
- ``search_closed(search)``: a search was closed with an outcome.
Each is idempotent: calling it twice never creates a second follow-up. The rule
writes a ``rule_key`` ("thank_you:meeting:42") that is unique per owner, so a
second call (or a concurrent one) finds the row instead of adding one.

Any touch closes the loop: ``log_touch()`` (every door that logs a touch calls it),
``meeting_held()`` and ``mark_done()`` on a thank-you close the person's open
keep-in-touch follow-up with a note saying what closed it.

The two rules that depend on time passing (reply nudges, keep in touch) run as a
batch job: see :mod:`followups.rules`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from accounts.models import User
from contacts import services as contact_services
from contacts.models import Channel, Contact, Direction, Interaction, LedgerEntry
from meetings.models import Meeting, MeetingState, Search
from netweave.cache import bump_owner
from netweave.dates import formatted
from netweave.wording import join_and

from . import rule_keys
from .drafts import Draft, DraftBook, gift_phrase, leading_name, outcome_phrase, search_purpose
from .models import CLOSED_STATES, THANK_YOU_KINDS, DraftKind, FollowUp, FollowUpKind, FollowUpState

# Every change to a follow-up bumps its version, which stales links in older emails.
BUMP = F("version") + 1

SNOOZE_CHOICES = (1, 3, 7, 14)
DEFAULT_SNOOZE_DAYS = 3


def local_now(user: User, now: datetime | None = None) -> datetime:
    return (now or timezone.now()).astimezone(ZoneInfo(user.time_zone))


def describe_when(user: User, moment: datetime | None) -> str:
    """'on Tuesday 10 March' in the user's time zone (used inside drafted sentences)."""
    if moment is None:
        return "soon"
    local = local_now(user, moment)
    return f"on {formatted(local, 'long_day')}"


def _ensure(
    owner: User,
    *,
    rule_key: str,
    contact: Contact,
    kind: str,
    title: str,
    due_on: date,
    draft: Draft,
    meeting: Meeting | None = None,
    search: Search | None = None,
    state: str = FollowUpState.OPEN,
) -> FollowUp:
    followup, _created = FollowUp.objects.get_or_create(
        owner=owner,
        rule_key=rule_key,
        defaults={
            "contact": contact,
            "meeting": meeting,
            "search": search,
            "kind": kind,
            "title": title[:200],
            "due_on": due_on,
            "state": state,
            **draft.followup_fields(),
        },
    )
    bump_owner(owner.pk)
    return followup


def _thank_referrer(meeting: Meeting, *, draft_kind: str, moment: datetime | None, due_on: date) -> FollowUp | None:
    referrer = meeting.contact.introduced_by
    if referrer is None:
        return None
    owner = meeting.owner
    draft = DraftBook.for_users([owner.pk]).render(
        owner,
        draft_kind,
        {
            "first_name": referrer.call_them,
            "full_name": referrer.full_name,
            "referred_name": meeting.contact.full_name,
            "meeting_when": describe_when(owner, moment),
        },
    )
    if draft_kind == DraftKind.THANK_REFERRER_SCHEDULED:
        title = f"Tell {referrer.full_name} you have a meeting with {meeting.contact.full_name}"
    else:
        title = f"Thank {referrer.full_name}: you met {meeting.contact.full_name}"
    return _ensure(
        owner,
        rule_key=rule_keys.thank_referrer(draft_kind, meeting.pk),
        contact=referrer,
        meeting=meeting,
        search=meeting.search,
        kind=FollowUpKind.THANK_REFERRER,
        title=title,
        due_on=due_on,
        draft=draft,
    )


def meeting_scheduled(meeting: Meeting) -> list[FollowUp]:
    """Thank the referrer (if the contact was introduced by someone): due now."""
    today = local_now(meeting.owner).date()
    followup = _thank_referrer(
        meeting, draft_kind=DraftKind.THANK_REFERRER_SCHEDULED, moment=meeting.starts_at, due_on=today
    )
    return [followup] if followup else []


@transaction.atomic
def meeting_held(meeting: Meeting) -> list[FollowUp]:
    """A thank-you due the owner's delay after the meeting, and a thank-you to the referrer due that day.

    Counted from the meeting, not from when it was marked held, but never due before the
    day it is recorded: a meeting marked held late asks for its thank-yous today, rather
    than arriving on the list already overdue.

    A "we have a meeting set up" note to the referrer that was never sent is now out of
    date: it is skipped, and the thank-you after the meeting says it all.
    """
    owner = meeting.owner
    held_at = meeting.held_at or timezone.now()
    held_on = local_now(owner, held_at).date()
    today = local_now(owner).date()
    contact = meeting.contact
    draft = DraftBook.for_users([owner.pk]).render(
        owner,
        DraftKind.THANK_YOU,
        {
            "first_name": contact.call_them,
            "full_name": contact.full_name,
            "meeting_when": describe_when(owner, held_at),
        },
    )
    followups = [
        _ensure(
            owner,
            rule_key=rule_keys.thank_you(meeting.pk),
            contact=contact,
            meeting=meeting,
            search=meeting.search,
            kind=FollowUpKind.THANK_YOU,
            title=f"Send {contact.full_name} a thank-you note",
            due_on=max(held_on + timedelta(days=owner.thank_you_delay_days), today),
            draft=draft,
        )
    ]
    close_keep_in_touch(contact.pk, owner=owner, by="meeting", when=held_at)
    referrer = _thank_referrer(
        meeting, draft_kind=DraftKind.THANK_REFERRER_HELD, moment=held_at, due_on=max(held_on, today)
    )
    if referrer:
        FollowUp.objects.filter(
            owner=owner,
            rule_key=rule_keys.thank_referrer(DraftKind.THANK_REFERRER_SCHEDULED, meeting.pk),
            state=FollowUpState.OPEN,
        ).update(state=FollowUpState.SKIPPED, snoozed_until=None, version=BUMP)
        followups.append(referrer)
    return followups


def promise_made(meeting: Meeting, *, text: str, due_on: date) -> FollowUp | None:
    """Each promise made in a meeting becomes a follow-up due when the user says."""
    text = " ".join(text.split())
    if not text:
        return None
    owner = meeting.owner
    contact = meeting.contact
    draft = DraftBook.for_users([owner.pk]).render(
        owner,
        DraftKind.PROMISE,
        {
            "first_name": contact.call_them,
            "full_name": contact.full_name,
            "promise": text,
            "meeting_when": describe_when(owner, meeting.held_at or meeting.starts_at),
        },
    )
    return _ensure(
        owner,
        rule_key=rule_keys.promise(meeting.pk, text),
        contact=contact,
        meeting=meeting,
        search=meeting.search,
        kind=FollowUpKind.PROMISE,
        title=f"Promised {contact.full_name}: {text}",
        due_on=due_on,
        draft=draft,
    )


def helpers_of(search: Search) -> dict[Contact, list[str]]:
    """Everyone who helped during ``search``, each with what to thank them for ("referring me to Ken").

    People met in it, the people who introduced them, anyone who gave the user
    something (the ledger, "received") between the search's start and end, and the
    people added to the search by hand: they belong to it, and the user reviews every
    proposed report before it is sent, so nobody is thanked who should not be.
    """
    owner = search.owner
    end = search.ended_on or local_now(owner).date()
    reasons: dict[Contact, list[str]] = {}
    meetings = (
        Meeting.objects.for_owner(owner)
        .filter(search=search, state=MeetingState.HELD)
        .select_related("contact__introduced_by")
        .order_by("held_at", "id")
    )
    for meeting in meetings:
        reasons.setdefault(meeting.contact, []).append(f"meeting with me {describe_when(owner, meeting.held_at)}")
        referrer = meeting.contact.introduced_by
        if referrer is not None:
            reasons.setdefault(referrer, []).append(f"referring me to {meeting.contact.full_name}")
    gifts = list(
        LedgerEntry.objects.for_owner(owner)
        .filter(direction=Direction.RECEIVED, occurred_on__gte=search.started_on, occurred_on__lte=end)
        .select_related("contact")
        .order_by("occurred_on", "id")
    )
    names, people = _names_in_network(owner, {leading_name(entry.description) for entry in gifts} - {""})
    for entry in gifts:
        reasons.setdefault(entry.contact, []).append(
            gift_phrase(entry.description, entry.kind, names=names, people=people)
        )
    for contact in search.contacts.for_owner(owner).order_by("family_name", "given_name", "id"):
        # Only when nothing more specific is known: the generic line adds nothing to a meeting's thanks.
        reasons.setdefault(contact, ["your support"])
    return reasons


def _names_in_network(owner: User, words: set[str]) -> tuple[set[str], set[str]]:
    """Which of ``words`` name someone or a company in the owner's network ("Ken", "Globex"), and
    which of those name a person ("Ken"). One query, none without words."""
    if not words:
        return set(), set()
    named = Q(given_name__in=words) | Q(family_name__in=words) | Q(preferred_name__in=words) | Q(company__in=words)
    for word in words:
        named |= Q(company__startswith=f"{word} ")
    rows = (
        Contact.objects.for_owner(owner)
        .filter(named)
        .values_list("given_name", "family_name", "preferred_name", "company")
    )
    people: set[str] = set()
    companies: set[str] = set()
    for given, family, preferred, company in rows:
        people.update(f"{given} {family} {preferred}".split())
        companies.update(company.split())
    return words & (people | companies), words & people


# An outcome report thanks for this many things by name at most; the rest are "everything else".
THANKS_LISTED = 3


def thanks_line(reasons: list[str]) -> str:
    """One "Thanks again" for everything: 'Thanks again for meeting with me and for the job lead.'

    Past three reasons, the first three (the meetings and introductions come first) and
    "for everything else": a list of five "for"s reads like a ledger, not a note.
    """
    reasons = list(dict.fromkeys(reasons))
    if not reasons:
        return ""
    if len(reasons) > THANKS_LISTED:
        reasons = [*reasons[:THANKS_LISTED], "everything else"]
    return f"Thanks again for {join_and([reasons[0], *(f'for {reason}' for reason in reasons[1:])])}."


def outcome_names(search: Search, *, outcome: str = "") -> set[str]:
    """The first word of the outcome, if it names someone or a company in the network ("Acme offered ...").

    A query only when that word could be a name.
    """
    word = leading_name(search.outcome.strip() or outcome)
    return _names_in_network(search.owner, {word} - {""})[0]


def outcome_report_context(
    search: Search, reasons: list[str], *, outcome: str = "", names: Collection[str] = ()
) -> dict[str, str]:
    """What an outcome report's draft says of ``search`` to one helper thanked for ``reasons``.

    ``names``: ``outcome_names(search)``, so that an outcome starting with a name keeps its capital.
    """
    return {
        "search": search.title,
        "search_for": search_purpose(search.title),
        "outcome": outcome_phrase(search.outcome.strip() or outcome, names=names),
        "thanks_for": thanks_line(reasons),
    }


@transaction.atomic
def search_closed(search: Search) -> list[FollowUp]:
    """Propose an outcome report for everyone who helped during the search, for review."""
    owner = search.owner
    due_on = search.ended_on or local_now(owner).date()
    book = DraftBook.for_users([owner.pk])
    names = outcome_names(search)
    followups = []
    for contact, reasons in helpers_of(search).items():
        draft = book.render(
            owner,
            DraftKind.OUTCOME_REPORT,
            {
                "first_name": contact.call_them,
                "full_name": contact.full_name,
                **outcome_report_context(search, reasons, names=names),
            },
        )
        followups.append(
            _ensure(
                owner,
                rule_key=rule_keys.outcome_report(search.pk, contact.pk),
                contact=contact,
                search=search,
                kind=FollowUpKind.OUTCOME_REPORT,
                title=f"Tell {contact.full_name} how the search ended",
                due_on=due_on,
                draft=draft,
                state=FollowUpState.PROPOSED,
            )
        )
    return followups


@transaction.atomic
def confirm_outcome_reports(search: Search, *, keep: Iterable[int], today: date) -> tuple[int, int]:
    """The user reviewed the proposed reports: kept ones become open and due, the rest skipped."""
    proposed = FollowUp.objects.for_owner(search.owner).outcome_reports_waiting().filter(search=search)
    keep_ids = set(keep)
    kept = proposed.filter(pk__in=keep_ids).update(state=FollowUpState.OPEN, due_on=today, version=BUMP)
    dropped = proposed.exclude(pk__in=keep_ids).update(state=FollowUpState.SKIPPED, version=BUMP)
    bump_owner(search.owner_id)
    return kept, dropped


def mark_done(followup: FollowUp, *, now: datetime) -> bool:
    """Close the loop. Returns False (and changes nothing) if it was already closed.

    A thank-you sent is a touch too: it also closes that person's keep-in-touch
    follow-up (one more UPDATE, plus the owner if the caller did not load it).
    """
    done = bool(
        FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.OPEN).update(
            state=FollowUpState.DONE, done_at=now, snoozed_until=None, version=BUMP
        )
    )
    if done and followup.kind in THANK_YOU_KINDS:
        close_keep_in_touch(followup.contact_id, owner=followup.owner, by="thank-you note", when=now)
    bump_owner(followup.owner_id)
    return done


def skip(followup: FollowUp) -> bool:
    skipped = bool(
        FollowUp.objects.filter(pk=followup.pk, state__in=[FollowUpState.OPEN, FollowUpState.PROPOSED]).update(
            state=FollowUpState.SKIPPED, snoozed_until=None, version=BUMP
        )
    )
    bump_owner(followup.owner_id)
    return skipped


def snooze(followup: FollowUp, *, until: date) -> bool:
    """Hide an open follow-up until ``until``. Returns False if it is not open."""
    open_one = FollowUp.objects.filter(pk=followup.pk, state=FollowUpState.OPEN)
    snoozed = bool(open_one.update(snoozed_until=until, version=BUMP))
    bump_owner(followup.owner_id)
    return snoozed


def reopen(followup: FollowUp) -> bool:
    reopened = bool(
        FollowUp.objects.filter(pk=followup.pk, state__in=[FollowUpState.DONE, FollowUpState.SKIPPED]).update(
            state=FollowUpState.OPEN, done_at=None, closed_note="", version=BUMP
        )
    )
    bump_owner(followup.owner_id)
    return reopened


# --- Any touch closes the loop ------------------------------------------------

# What closed a keep-in-touch follow-up, in its note: "Closed by the call on 1 Dec".
TOUCH_NAMES: dict[str, str] = {
    Channel.EMAIL: "email",
    Channel.CALL: "call",
    Channel.VIDEO: "video call",
    Channel.MESSAGE: "message",
    Channel.COMMENT: "comment on their post",
    Channel.IN_PERSON: "meeting in person",
    Channel.EVENT: "meeting at an event",
    Channel.LETTER: "letter",
    Channel.OTHER: "touch",
}


def close_keep_in_touch(contact_id: int, *, owner: User, by: str, when: datetime) -> int:
    """Close the contact's open keep-in-touch follow-up: ``by`` ("call") on ``when`` kept in touch.

    Marked done now, with "Closed by the call on 1 Dec" (the owner's local date) as its
    note. Returns how many closed (0 or 1). One query.
    """
    day = local_now(owner, when).date()
    closed = FollowUp.objects.filter(
        owner=owner, contact_id=contact_id, kind=FollowUpKind.KEEP_IN_TOUCH, state=FollowUpState.OPEN
    ).update(
        state=FollowUpState.DONE,
        done_at=timezone.now(),
        snoozed_until=None,
        closed_note=f"Closed by the {by} on {formatted(day, 'day_month')}",
        version=BUMP,
    )
    bump_owner(owner.pk)
    return closed


def settle_doubles_after_merge(contact: Contact, *, now: datetime | None = None) -> int:
    """After two records of one person were merged, one loop of each kind is left open for them.

    Each record may have had its own: two open "Keep in touch with Ken", or two reports of
    one search's outcome to the same person (a second email to someone already told). Of
    the open keep-in-touch follow-ups the one due first stays; of the outcome reports of a
    search, the one already sent or skipped, else the accepted one, else the first proposed.
    The others are skipped with a note saying why. Returns how many. One query, and one
    more to skip any.
    """
    rows = FollowUp.objects.filter(
        owner_id=contact.owner_id,
        contact=contact,
        kind__in=[FollowUpKind.KEEP_IN_TOUCH, FollowUpKind.OUTCOME_REPORT],
    ).exclude(kind=FollowUpKind.KEEP_IN_TOUCH, state__in=CLOSED_STATES)
    first: dict[str, int] = {
        FollowUpState.DONE: 0,
        FollowUpState.SKIPPED: 0,
        FollowUpState.OPEN: 1,
        FollowUpState.PROPOSED: 2,
    }
    kept: set[tuple[str, int | None]] = set()
    doubles = []
    for row in sorted(rows, key=lambda row: (first[row.state], row.due_on, row.pk)):
        loop = (row.kind, row.search_id)
        if loop in kept and row.state not in CLOSED_STATES:  # what is closed is history: left as it is
            doubles.append(row.pk)
        kept.add(loop)
    if not doubles:
        return 0
    FollowUp.objects.filter(pk__in=doubles).update(
        state=FollowUpState.SKIPPED,
        done_at=now or timezone.now(),
        snoozed_until=None,
        closed_note=f"The same as another one for {contact.full_name}: two records of them were merged"[:200],
        version=BUMP,
    )
    bump_owner(contact.owner_id)
    return len(doubles)


@transaction.atomic
def log_touch(
    contact: Contact, *, occurred_at: datetime, channel: Channel | str, note: str = "", owner: User | None = None
) -> Interaction:
    """Log a touch (the contact page, the API, capture) and close the loop it keeps.

    ``contacts.services.log_interaction`` restarts the clock and advances the stage;
    a touch that moves the clock forward also closes the open keep-in-touch follow-up
    (an older touch logged late changes nothing there).
    """
    before = contact.last_contacted_at
    interaction = contact_services.log_interaction(contact, occurred_at=occurred_at, channel=channel, note=note)
    if before is None or occurred_at >= before:
        close_keep_in_touch(
            contact.pk, owner=owner or contact.owner, by=TOUCH_NAMES.get(channel, "touch"), when=occurred_at
        )
    return interaction
