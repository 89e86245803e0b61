"""Demo follow-ups of every kind and state, each with a drafted message, written in bulk."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import cast

from accounts.models import User
from contacts.models import Contact
from meetings.models import Meeting, MeetingState, Search

from . import rule_keys
from .drafts import DraftBook
from .models import DraftKind, FollowUp, FollowUpKind, FollowUpState
from .services import describe_when, local_now

BATCH = 5000
TITLES = {
    FollowUpKind.THANK_YOU: "Send {name} a thank-you note",
    FollowUpKind.THANK_REFERRER: "Thank {name} for the introduction",
    FollowUpKind.PROMISE: "Send {name} my resume, as promised",
    FollowUpKind.OUTCOME_REPORT: "Tell {name} how the search ended",
    FollowUpKind.REPLY_NUDGE: "Nudge {name} about your meeting request",
    FollowUpKind.KEEP_IN_TOUCH: "Keep in touch with {name}",
}
DRAFT_FOR_KIND = {
    FollowUpKind.THANK_YOU: DraftKind.THANK_YOU,
    FollowUpKind.THANK_REFERRER: DraftKind.THANK_REFERRER_HELD,
    FollowUpKind.PROMISE: DraftKind.PROMISE,
    FollowUpKind.OUTCOME_REPORT: DraftKind.OUTCOME_REPORT,
    FollowUpKind.REPLY_NUDGE: DraftKind.REPLY_NUDGE,
    FollowUpKind.KEEP_IN_TOUCH: DraftKind.KEEP_IN_TOUCH,
}
MEETING_KINDS = {FollowUpKind.THANK_YOU, FollowUpKind.PROMISE, FollowUpKind.THANK_REFERRER, FollowUpKind.REPLY_NUDGE}
# Every state shows up for every kind; "snoozed" is an open follow-up snoozed past today.
STATES = ["open", "open", "overdue", "snoozed", "done", "done", "skipped"]
PROMISE = "I will send you my resume and the article on informational interviews."


def seed_followups(
    user: User, contacts: list[Contact], meetings: list[Meeting], *, count: int, now: datetime, rng: random.Random
) -> list[FollowUp]:
    if not contacts:
        return []
    today = now.date()
    book = DraftBook([])  # the built-in wording: demo users keep the defaults
    held = [m for m in meetings if m.state == MeetingState.HELD]
    requested = [m for m in meetings if m.state == MeetingState.REQUESTED]
    by_id: dict[int | None, Contact] = {c.pk: c for c in contacts}
    searches = Search.objects.in_bulk({m.search_id for m in meetings if m.search_id})
    kinds = list(FollowUpKind)
    # The first rows walk through every (kind, state) pair so a small demo still shows them all.
    plan = [(kind, state) for state in [*dict.fromkeys(STATES), "proposed"] for kind in kinds]
    plan = [(k, s) for k, s in plan if s != "proposed" or k == FollowUpKind.OUTCOME_REPORT]
    # Each row that stands for a rule's output carries that rule's key, once: the
    # batch job and the services then find it instead of opening the same loop twice.
    used_keys: set[str] = set()
    followups = []
    for i in range(max(count, len(plan))):
        kind, state = plan[i] if i < len(plan) else (kinds[i % len(kinds)], rng.choice(STATES))
        if kind == FollowUpKind.OUTCOME_REPORT and i >= len(plan) and rng.random() < 0.3:
            state = "proposed"
        pool = requested if kind == FollowUpKind.REPLY_NUDGE else held
        meeting = pool[i % len(pool)] if pool and kind in MEETING_KINDS else None
        if kind == FollowUpKind.THANK_REFERRER and meeting and not meeting.contact.introduced_by_id:
            meeting = None  # nobody introduced them: no referrer to thank for this meeting
        contact = meeting.contact if meeting else contacts[(i * 13) % len(contacts)]
        search = searches.get(meeting.search_id) if meeting and meeting.search_id else None
        if kind == FollowUpKind.OUTCOME_REPORT and searches:
            search = list(searches.values())[i % len(searches)]
        key = _rule_key(user, kind, meeting=meeting, contact=contact, search=search)
        if key in used_keys:
            # This loop is already in the demo: make it a follow-up of its own instead.
            meeting, key = None, None
            contact = contacts[(i * 13) % len(contacts)]
            search = search if kind == FollowUpKind.OUTCOME_REPORT else None
            key = _rule_key(user, kind, meeting=None, contact=contact, search=search)
            if key in used_keys:
                continue
        if key:
            used_keys.add(key)
        if kind == FollowUpKind.THANK_REFERRER and meeting:
            referred, contact = contact, by_id.get(contact.introduced_by_id, contact)
        else:
            referred = contacts[(i * 7 + 3) % len(contacts)]
        if state == "proposed" and search is None:
            state = "open"
        draft = book.render(
            user,
            DRAFT_FOR_KIND[kind],
            {
                "first_name": contact.call_them,
                "full_name": contact.full_name,
                "referred_name": referred.full_name,
                "meeting_when": describe_when(user, meeting.held_at or meeting.starts_at) if meeting else "recently",
                "promise": PROMISE,
                "search": search.title if search else "my job search",
                "outcome": (search.outcome if search and search.outcome else "I accepted a role I am excited about."),
                "thanks_for": f"Thanks again for referring me to {referred.full_name}.",
            },
        )
        due_on = {
            "overdue": today - timedelta(days=rng.randrange(1, 15)),
            "open": today + timedelta(days=rng.randrange(-1, 12)),
        }.get(state, today + timedelta(days=rng.randrange(-20, 10)))
        followups.append(
            FollowUp(
                owner=user,
                contact=contact,
                meeting=meeting,
                search=search,
                kind=kind,
                title=TITLES[kind].format(name=contact.full_name),
                due_on=due_on,
                state={
                    "overdue": FollowUpState.OPEN,
                    "snoozed": FollowUpState.OPEN,
                    "open": FollowUpState.OPEN,
                    "done": FollowUpState.DONE,
                    "skipped": FollowUpState.SKIPPED,
                    "proposed": FollowUpState.PROPOSED,
                }[state],
                snoozed_until=today + timedelta(days=rng.randrange(2, 6)) if state == "snoozed" else None,
                done_at=now - timedelta(days=rng.randrange(0, 30), hours=rng.randrange(0, 12))
                if state == "done"
                else None,
                subject=draft.subject[:200],
                message=draft.body,
                rule_key=key,
            )
        )
    followups += [
        row
        for row in _outcome_reports_to_review(user, contacts, list(searches.values()), book=book, today=today)
        if row.rule_key not in used_keys
    ]
    FollowUp.objects.bulk_create(followups, batch_size=BATCH)
    return followups


def _outcome_reports_to_review(
    user: User, contacts: list[Contact], searches: list[Search], *, book: DraftBook, today
) -> list[FollowUp]:
    """A handful of proposed outcome reports on one search, so the review page has people to review."""
    if not searches:
        return []
    search = searches[0]
    people = contacts[1 : min(len(contacts), 6)]
    reasons = [
        "Thanks again for referring me to {other}.",
        "Thanks again for meeting with me; your advice helped.",
        "Thanks again for the job lead.",
        "Thanks again for the introduction to {other} and for your feedback on my resume.",
        "Thanks again for meeting with me and for the article you sent.",
    ]
    rows = []
    for index, contact in enumerate(people):
        other = contacts[(index + 7) % len(contacts)].full_name
        draft = book.render(
            user,
            DraftKind.OUTCOME_REPORT,
            {
                "first_name": contact.call_them,
                "full_name": contact.full_name,
                "search": search.title,
                "outcome": search.outcome or "I accepted a role I am excited about.",
                "thanks_for": reasons[index % len(reasons)].format(other=other),
            },
        )
        rows.append(
            FollowUp(
                owner=user,
                contact=contact,
                search=search,
                kind=FollowUpKind.OUTCOME_REPORT,
                title=TITLES[FollowUpKind.OUTCOME_REPORT].format(name=contact.full_name),
                due_on=today,
                state=FollowUpState.PROPOSED,
                subject=draft.subject[:200],
                message=draft.body,
                rule_key=rule_keys.outcome_report(search.pk, contact.pk),
            )
        )
    return rows


def _rule_key(user: User, kind: str, *, meeting: Meeting | None, contact: Contact, search: Search | None) -> str | None:
    """The key the rule for ``kind`` would give this follow-up, or None for one made by hand."""
    if kind == FollowUpKind.OUTCOME_REPORT:
        return rule_keys.outcome_report(search.pk, contact.pk) if search else None
    if kind == FollowUpKind.KEEP_IN_TOUCH:
        cadence = contact.cadence_days or user.cadence_for_stage(contact.stage)
        if not cadence or contact.last_contacted_at is None:
            return None  # no clock, so the rule never sees them lapse
        lapsed_on = local_now(user, contact.last_contacted_at + timedelta(days=cadence)).date()
        return rule_keys.keep_in_touch(contact.pk, lapsed_on)
    if meeting is None:
        return None
    return {
        FollowUpKind.THANK_YOU: lambda: rule_keys.thank_you(meeting.pk),
        FollowUpKind.THANK_REFERRER: lambda: rule_keys.thank_referrer(DraftKind.THANK_REFERRER_HELD, meeting.pk),
        FollowUpKind.PROMISE: lambda: rule_keys.promise(meeting.pk, PROMISE),
        FollowUpKind.REPLY_NUDGE: lambda: rule_keys.reply_nudge(meeting.pk),
    }[cast(FollowUpKind, kind)]()
