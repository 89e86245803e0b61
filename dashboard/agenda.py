"""What the dashboard asks for: the next right actions, each as one bounded query.

The queries are asked once per local day (``DayAgenda``, which the dashboard caches per
owner version and day), with the day's widest window: what is going cold by the end of
today, the meetings up to a week after today. ``DayAgenda.at(now)`` then narrows them to the
moment in Python. Each list is sorted by the very time it is narrowed on, so the rows
lapsed by ``now`` are a prefix of the rows lapsed by tonight: the first few of the wider
list, narrowed, are exactly the first few of the narrow one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.timesince import timesince

from contacts.models import Contact
from followups.models import FollowUp
from meetings.models import Meeting
from netweave.dates import ago

if TYPE_CHECKING:
    from accounts.models import User

# How many rows each panel lists; the panel links to the full list for the rest.
DUE_LIMIT = 8
WEEK_LIMIT = 8
AWAITING_LIMIT = 5
COLD_LIMIT = 6

# The columns the panels show: a dashboard row never needs a contact's notes.
CONTACT_CARD = ("given_name", "family_name", "emails", "company", "title", "stage")


@dataclass(frozen=True)
class OutcomeReportGroup:
    search_id: int | None
    search_title: str
    count: int


@dataclass
class DayAgenda:
    """Everything above the progress charts that holds for a whole local day."""

    today: date
    contact_count: int
    due_followups: list[FollowUp]
    due_count: int
    overdue_count: int
    meetings_this_week: list[Meeting]  # from the start of today up to a week after today
    awaiting_answer: list[Meeting]
    awaiting_count: int
    going_cold: list[Contact]  # lapsed by the end of today
    outcome_reports: list[OutcomeReportGroup]

    def at(self, now: datetime) -> Agenda:
        week_end = now + timedelta(days=7)
        return Agenda(
            today=self.today,
            contact_count=self.contact_count,
            due_followups=self.due_followups,
            due_count=self.due_count,
            overdue_count=self.overdue_count,
            meetings_this_week=[
                m for m in self.meetings_this_week if m.starts_at is not None and m.starts_at < week_end
            ],
            awaiting_answer=self.awaiting_answer,
            awaiting_count=self.awaiting_count,
            going_cold=[c for c in self.going_cold if c.touch_due_at is not None and c.touch_due_at < now],
            outcome_reports=self.outcome_reports,
        )

    def clock(self) -> DayClock:
        return DayClock(
            meeting_starts=tuple(m.starts_at for m in self.meetings_this_week if m.starts_at is not None),
            cold_since=tuple(c.touch_due_at for c in self.going_cold if c.touch_due_at is not None),
            asked_at=tuple(m.requested_at for m in self.awaiting_answer if m.requested_at is not None),
        )


@dataclass(frozen=True)
class DayClock:
    """The day's instants that the page reads against the clock, without the rows around them.

    Two moments of the same day with the same ``reading()`` show the same page: as many
    meetings in the next seven days, the same people going cold, and the same "overdue 3
    days" and "asked 2 weeks ago" (the template renders these with ``timesince:now`` and ``ago:now``).
    """

    meeting_starts: tuple[datetime, ...]
    cold_since: tuple[datetime, ...]
    asked_at: tuple[datetime, ...]

    def reading(self, now: datetime) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
        week_end = now + timedelta(days=7)
        return (
            sum(1 for starts_at in self.meeting_starts if starts_at < week_end),
            tuple(timesince(since, now) for since in self.cold_since if since < now),
            tuple(ago(asked, now) for asked in self.asked_at),
        )


@dataclass
class Agenda:
    today: date
    contact_count: int
    due_followups: list[FollowUp]
    due_count: int
    overdue_count: int
    meetings_this_week: list[Meeting]
    awaiting_answer: list[Meeting]
    awaiting_count: int
    going_cold: list[Contact]
    outcome_reports: list[OutcomeReportGroup]

    @property
    def is_first_run(self) -> bool:
        return self.contact_count == 0

    @property
    def more_due(self) -> int:
        return max(0, self.due_count - len(self.due_followups))

    @property
    def more_awaiting(self) -> int:
        return max(0, self.awaiting_count - len(self.awaiting_answer))

    @property
    def outcome_report_count(self) -> int:
        return sum(group.count for group in self.outcome_reports)


def due_followups(user: User, *, today: date) -> list[FollowUp]:
    """Overdue first, then today's; with the contact and meeting each row names."""
    due = FollowUp.objects.for_owner(user).due_by(today)
    # As in awaiting_answer(): choose the rows first, then join only those.
    first = due.order_by("due_on", "id").values("pk")[:DUE_LIMIT]
    # Their drafts are signed with the user's name when the body is rendered (snapshot.render_body):
    # the day is cached, and a new name does not bump it.
    return list(
        FollowUp.objects.filter(pk__in=first)
        .select_related("contact", "meeting")
        .only(
            "kind",
            "title",
            "due_on",
            "state",
            "subject",
            "message",
            "signed_as",
            "unsigned_subject",
            "unsigned_message",
            "contact_id",
            "meeting_id",
            "meeting__kind",
            *(f"contact__{name}" for name in CONTACT_CARD),
        )
        .order_by("due_on", "id")
    )


def due_counts(user: User, *, today: date) -> tuple[int, int]:
    totals = (
        FollowUp.objects.for_owner(user)
        .due_by(today)
        .aggregate(due=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    )
    return totals["due"], totals["overdue"]


def _midnight(day: date) -> datetime:
    """The start of ``day`` in the current (the user's) time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def meetings_this_week(user: User, *, now: datetime, until: datetime | None = None) -> list[Meeting]:
    """Scheduled meetings from the start of today (in the user's time zone) through the next seven days.

    ``until`` widens the end (the day's query: ``DayAgenda.at()`` narrows it to ``now``).
    """
    start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return list(
        Meeting.objects.for_owner(user)
        .upcoming()
        .filter(starts_at__gte=start, starts_at__lt=until or now + timedelta(days=7))
        .select_related("contact")
        .only("kind", "state", "place", "starts_at", "contact_id", *(f"contact__{name}" for name in CONTACT_CARD))[
            :WEEK_LIMIT
        ]
    )


def awaiting_answer(user: User) -> tuple[list[Meeting], int]:
    """The oldest requests still waiting for an answer, and how many wait in all."""
    queryset = Meeting.objects.for_owner(user).awaiting_answer()
    # Pick the few oldest in a subquery before joining their contacts: joining first
    # makes Postgres fetch a contact for every open request, then throw most away.
    oldest = queryset.order_by("requested_at", "id").values("pk")[:AWAITING_LIMIT]
    rows = (
        Meeting.objects.filter(pk__in=oldest)
        .select_related("contact")
        .only("state", "requested_at", "contact_id", *(f"contact__{name}" for name in CONTACT_CARD))
        .order_by("requested_at", "id")
    )
    return list(rows), queryset.count()


def outcome_reports_waiting(user: User) -> list[OutcomeReportGroup]:
    """Proposed outcome reports, one row per search, for the review page."""
    rows = FollowUp.objects.for_owner(user).outcome_reports_waiting().per_search()
    return [
        OutcomeReportGroup(search_id=row["search_id"], search_title=row["search__title"] or "", count=row["people"])
        for row in rows
    ]


def going_cold(user: User, *, now: datetime, limit: int = COLD_LIMIT) -> list[Contact]:
    """The people most overdue for a touch, in ``going_cold``'s form that stays fast at 30,000 contacts."""
    return list(
        Contact.objects.for_owner(user)
        .only(*CONTACT_CARD, "last_contacted_at", "cadence_days")
        .going_cold(now, first=limit)
    )


def day_agenda_for(user: User, *, today: date, contact_count: int) -> DayAgenda:
    """Everything above the progress charts for the local day ``today``, in seven queries
    whatever the network's size.

    ``contact_count`` comes from the progress query that counts the network by source.
    """
    tonight = _midnight(today + timedelta(days=1))
    awaiting, awaiting_count = awaiting_answer(user)
    due_count, overdue_count = due_counts(user, today=today)
    return DayAgenda(
        today=today,
        contact_count=contact_count,
        due_followups=due_followups(user, today=today),
        due_count=due_count,
        overdue_count=overdue_count,
        # Nine days on: past any "now + 7 days" of today, daylight saving included.
        meetings_this_week=meetings_this_week(user, now=_midnight(today), until=_midnight(today + timedelta(days=9))),
        awaiting_answer=awaiting,
        awaiting_count=awaiting_count,
        going_cold=going_cold(user, now=tonight),
        outcome_reports=outcome_reports_waiting(user),
    )


def agenda_for(user: User, *, now: datetime, today: date, contact_count: int) -> Agenda:
    """The agenda at ``now``: the day's queries, narrowed to the moment."""
    return day_agenda_for(user, today=today, contact_count=contact_count).at(now)
