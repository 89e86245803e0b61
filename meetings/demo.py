"""Demo searches and meetings in every state, written in bulk."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from accounts.models import User
from contacts.demo import restart_clocks
from contacts.models import Contact, Interaction
from followups import rule_keys
from followups.drafts import DraftBook, DraftKind
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.services import describe_when

from .models import Meeting, MeetingKind, MeetingQuestion, MeetingState, Purpose, Question, Search
from .services import ensure_defaults, held_moment

BATCH = 5000


def seed_meetings(
    user: User, contacts: list[Contact], *, count: int, now: datetime, rng: random.Random
) -> tuple[list[Search], list[Meeting]]:
    searches = Search.objects.bulk_create(
        [
            Search(
                owner=user,
                title="A project-management role in Albuquerque",
                looking_for="Senior PM or program manager, healthcare or public sector.",
                started_on=(now - timedelta(days=75)).date(),
            ),
            Search(
                owner=user,
                title="Product roles at health-tech companies",
                looking_for="Which health-tech companies in the Southwest hire PMs without a clinical background?",
                started_on=(now - timedelta(days=20)).date(),
            ),
            Search(
                owner=user,
                title="Learn what UX research is like",
                looking_for="Is UX research a fit for a PM? What does a week look like?",
                started_on=(now - timedelta(days=CLOSED_SEARCH_STARTED)).date(),
                ended_on=(now - timedelta(days=CLOSED_SEARCH_ENDED)).date(),
                outcome="Decided to stay in project management and take the PMP.",
            ),
        ]
    )
    states = list(MeetingState)
    weights = [8, 10, 12, 50, 6, 8, 6]
    meetings = []
    diary: set[tuple[date, int]] = set()  # (local day, hour) already taken: one meeting at a time
    for i in range(min(count, len(contacts))):
        contact = contacts[(i * 7) % len(contacts)]
        state = states[i % len(states)] if i < len(states) else rng.choices(states, weights)[0]
        # Then one held this week with someone who was introduced: thanks owed to both.
        recent = i == len(states)
        if recent:
            state = MeetingState.HELD
            contact = next((c for c in contacts if c.introduced_by_id), contact)
        kind = rng.choice(list(MeetingKind))
        meeting = Meeting(
            owner=user,
            contact=contact,
            state=state,
            kind=kind,
            purpose=rng.choice(list(Purpose)),
            place=rng.choice(PLACES[kind]),
            duration_minutes=15 if contact.sells_time else rng.choice((20, 20, 30)),
        )
        _set_dates(meeting, first_of_its_state=i < len(states), recent=recent, user=user, now=now, rng=rng, diary=diary)
        meeting.search = _search_of(meeting, searches, first_of_its_state=i < len(states), rng=rng)
        if state == MeetingState.HELD:
            meeting.notes = rng.choice(HELD_NOTES)
            meeting.learned = rng.choice(LEARNED)
        elif state == MeetingState.SCHEDULED:
            meeting.notes = "Prep: read their post on agile PMOs; bring two printed resumes."
        meetings.append(meeting)
    Meeting.objects.bulk_create(meetings, batch_size=BATCH)
    # Planned the day before the letter went out, not the day the demo was seeded
    # (created_at is stamped on insert): a meeting's history reads in order.
    asked = []
    for meeting in meetings:
        if meeting.requested_at is not None:
            meeting.created_at = meeting.requested_at - timedelta(days=1)
            asked.append(meeting)
    Meeting.objects.bulk_update(asked, ["created_at"], batch_size=BATCH)

    through = Meeting.suggested_contacts.through
    suggestions = [
        through(meeting_id=meeting.pk, contact_id=contacts[rng.randrange(len(contacts))].pk)
        for meeting in meetings
        if meeting.state == MeetingState.HELD and rng.random() < 0.3
    ]
    through.objects.bulk_create(suggestions, batch_size=BATCH, ignore_conflicts=True)

    # A few people added to each search by hand: a recruiter, a mentor, someone to approach.
    members = Search.contacts.through
    members.objects.bulk_create(
        [
            members(search_id=search.pk, contact_id=contacts[rng.randrange(len(contacts))].pk)
            for search in searches
            for _ in range(4)
        ],
        ignore_conflicts=True,
    )

    _questions(user, meetings, rng)
    _promises(user, meetings, now=now, rng=rng)
    return searches, meetings


# The ended search ran from 200 to 12 days ago: its outcome reports are recent news.
CLOSED_SEARCH_STARTED, CLOSED_SEARCH_ENDED = 200, 12
# Where each kind of meeting happens: a phone call has no place, a video call a link, coffee a café.
PLACES = {
    MeetingKind.COFFEE: ("Flying Star Cafe", "Michael Thomas Coffee", "Humble Coffee"),
    MeetingKind.PHONE: ("",),
    MeetingKind.VIDEO: ("Zoom", "Google Meet", "Microsoft Teams"),
    MeetingKind.MEAL: ("Frontier Restaurant", "Range Cafe", "El Pinto"),
    MeetingKind.EVENT: ("PMI chapter dinner meeting", "ProductCamp", "Chamber of commerce breakfast"),
    MeetingKind.OFFICE: ("Their office downtown", "Their office at the Sawmill campus"),
}


# People meet during the working day: the demo's meetings start on the hour, 9:00 to 16:00 local
# time, Monday to Friday, one at a time.
MEETING_HOURS = (9, 10, 11, 12, 14, 15, 16)
WORKING_DAYS = 5  # date.weekday() below this: Monday to Friday


def _working_hours(
    moment: datetime, *, user: User, diary: set[tuple[date, int]], before: datetime | None = None
) -> datetime:
    """A free working hour on ``moment``'s local day, or on the next working day with one.

    Each day's hours are tried in an order that varies by the day; the chosen slot goes
    into ``diary``. Never at or after ``before`` (a held meeting stays in the past): when
    no slot is free in time (only in networks seeded with thousands of meetings), the
    meeting shares its own day's first hour.
    """
    zone = ZoneInfo(user.time_zone)
    first_day = moment.astimezone(zone).date()
    for day in (first_day + timedelta(days=n) for n in range(14)):
        if day.weekday() >= WORKING_DAYS:
            continue
        first = day.toordinal() % len(MEETING_HOURS)
        for step in range(len(MEETING_HOURS)):
            hour = MEETING_HOURS[(first + step) % len(MEETING_HOURS)]
            start = datetime.combine(day, time(hour), tzinfo=zone)
            if before is not None and start >= before:
                break
            if (day, hour) not in diary:
                diary.add((day, hour))
                return start
    return datetime.combine(first_day, time(MEETING_HOURS[first_day.toordinal() % len(MEETING_HOURS)]), tzinfo=zone)


def _set_dates(
    meeting: Meeting,
    *,
    first_of_its_state: bool,
    user: User,
    now: datetime,
    rng: random.Random,
    diary: set[tuple[date, int]],
    recent: bool = False,
) -> None:
    """Dates a real history would have: held and cancelled in the past, scheduled ahead, requests recent."""
    state = meeting.state
    if state == MeetingState.IDEA:
        return
    if state == MeetingState.REQUESTED:
        # Still waiting for an answer: asked within the last four weeks (older requests
        # end as "no reply"); the first one is past the nudge delay so the demo has a nudge.
        delay = user.reply_nudge_after_days
        days = delay + 3 if first_of_its_state else rng.randrange(2, 29)
        meeting.requested_at = now - timedelta(days=days, hours=rng.randrange(12))
        return
    if state == MeetingState.SCHEDULED:
        meeting.requested_at = now - timedelta(days=rng.randrange(3, 21))
        meeting.scheduled_at = meeting.requested_at + timedelta(days=2)
        meeting.starts_at = _working_hours(now + timedelta(days=rng.randrange(1, 15)), user=user, diary=diary)
        return
    # The first held meeting falls in the ended search, so even a small demo has people to report to.
    if first_of_its_state and state == MeetingState.HELD:
        requested_days_ago = rng.randrange(CLOSED_SEARCH_ENDED + 20, CLOSED_SEARCH_STARTED - 10)
    elif recent:  # held 1 to 6 days ago (see below)
        requested_days_ago = 10
    else:
        # Skewed to the recent past, as a search's activity is: some meetings held in the
        # last weeks still have their thank-yous to write.
        requested_days_ago = 14 + int(286 * rng.random() ** 2)
    meeting.requested_at = now - timedelta(days=requested_days_ago, hours=rng.randrange(12))
    if state in (MeetingState.HELD, MeetingState.CANCELLED):
        meeting.scheduled_at = meeting.requested_at + timedelta(days=2)
        start = meeting.requested_at + timedelta(days=rng.randrange(4, 9) if recent else rng.randrange(3, 10))
        meeting.starts_at = _working_hours(start, user=user, diary=diary, before=now)
    if state == MeetingState.HELD:
        meeting.held_at = held_moment(meeting, now=now)
    if state in (MeetingState.DECLINED, MeetingState.NO_REPLY, MeetingState.CANCELLED):
        meeting.closed_at = meeting.requested_at + timedelta(days=9)


def _search_of(
    meeting: Meeting, searches: list[Search], *, first_of_its_state: bool, rng: random.Random
) -> Search | None:
    """A search that was running when the meeting was asked for (most meetings belong to one)."""
    if meeting.requested_at is None:
        asked_on = searches[0].started_on if rng.random() < 0.5 else None
    else:
        asked_on = meeting.requested_at.date()
    running = [
        search
        for search in searches
        if asked_on and search.started_on <= asked_on and (search.ended_on is None or asked_on <= search.ended_on)
    ]
    if not running or (rng.random() >= 0.75 and not first_of_its_state):
        return None
    ended = [search for search in running if search.ended_on]
    if first_of_its_state and meeting.state == MeetingState.HELD and ended:
        return ended[0]
    return rng.choice(running)


HELD_NOTES = (
    "Generous with time. Suggested two people to talk to.\nFollow up in a month.",
    "Met at the café near their office. Very candid about the team's workload.",
    "Short call, but useful: they hire contractors first, then convert.",
)
LEARNED = (
    "PMOs here value healthcare experience; PMP matters more than the degree.",
    "Most openings are filled by referral before they are posted.",
    "The UX team sits inside product; researchers pair with PMs weekly.",
)
PROMISES = (
    "Send my resume",
    "Read the book they recommended",
    "Call the person they suggested",
    "Send the article on agile PMOs",
)


def _questions(user: User, meetings: list[Meeting], rng: random.Random) -> None:
    """Pick three to five questions from the default bank for every scheduled and held meeting."""
    ensure_defaults(user)
    by_purpose: dict[str, list[Question]] = {}
    for question in Question.objects.for_owner(user):
        by_purpose.setdefault(question.purpose, []).append(question)
    rows = []
    for meeting in meetings:
        if meeting.state not in (MeetingState.SCHEDULED, MeetingState.HELD):
            continue
        pool = by_purpose.get(meeting.purpose) or [q for qs in by_purpose.values() for q in qs]
        for position, question in enumerate(rng.sample(pool, min(len(pool), rng.randint(3, 5))), start=1):
            rows.append(MeetingQuestion(meeting_id=meeting.pk, question_id=question.pk, position=position))
    MeetingQuestion.objects.bulk_create(rows, batch_size=BATCH)


def _promises(user: User, meetings: list[Meeting], *, now: datetime, rng: random.Random) -> None:
    """Promises made in held meetings, as the follow-ups the product would have created."""
    drafts = DraftBook.for_users([user.pk])
    rows = []
    for meeting in meetings:
        if meeting.state != MeetingState.HELD or rng.random() > 0.5:
            continue
        due_on = (cast(datetime, meeting.held_at) + timedelta(days=rng.randrange(2, 10))).date()
        text = rng.choice(PROMISES)
        draft = drafts.render(
            user,
            DraftKind.PROMISE,
            {
                "first_name": meeting.contact.call_them,
                "full_name": meeting.contact.full_name,
                "promise": text,
                "meeting_when": describe_when(user, meeting.held_at),
            },
        )
        rows.append(
            FollowUp(
                owner=user,
                contact_id=meeting.contact_id,
                meeting=meeting,
                kind=FollowUpKind.PROMISE,
                title=f"{text} ({meeting.contact.full_name})",
                **draft.followup_fields(),
                rule_key=rule_keys.promise(meeting.pk, text),
                due_on=due_on,
                state=FollowUpState.DONE if due_on < now.date() - timedelta(days=5) else FollowUpState.OPEN,
                done_at=now - timedelta(days=3) if due_on < now.date() - timedelta(days=5) else None,
            )
        )
    FollowUp.objects.bulk_create(rows, batch_size=BATCH)


def log_held_meetings(meetings: list[Meeting]) -> None:
    """Each held demo meeting logs its touch and restarts the clock, as ``hold_meeting`` does (two queries)."""
    touches = Interaction.objects.bulk_create(
        [
            Interaction(
                owner_id=meeting.owner_id,
                contact=meeting.contact,
                occurred_at=meeting.held_at,
                channel=meeting.touch_channel,
                note=meeting.touch_note,
            )
            for meeting in meetings
            if meeting.held_at
        ],
        batch_size=BATCH,
    )
    restart_clocks(touches)
