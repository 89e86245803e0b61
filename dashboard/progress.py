"""Progress, as numbers and server-drawn SVG charts: persistence pays when you can see it.

Every figure comes from one small aggregate query over the last twelve weeks (GROUP BY
over a date-truncated column, filtered by owner first), so the cost does not grow with
the size of the whole network's history. They count rows or the very column they filter
on, never ids: the id is in no covering index, and counting it sends the scan back to the
table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Q, Value
from django.db.models.functions import TruncWeek
from django.utils import timezone

from contacts.models import Contact, Direction, LedgerEntry, Source
from followups.models import FollowUp, FollowUpState
from meetings.models import Meeting, MeetingState

if TYPE_CHECKING:
    from accounts.models import User

WEEKS = 12
SOURCE_ROWS = 6  # channels shown by name in "new contacts by source"; the rest share one row

# Chart geometry, in SVG user units; the SVG scales to its container.
CHART_WIDTH = 360
CHART_HEIGHT = 150
BAR_AREA_TOP = 18
BAR_AREA_BOTTOM = 128


@dataclass(frozen=True)
class WeekBar:
    week_start: date
    count: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    value_y: float
    show_label: bool


@dataclass(frozen=True)
class Share:
    """One labelled part of a whole, drawn as a horizontal bar with its value in text."""

    key: str
    label: str
    count: int
    percent: int | None  # None where a percentage would mislead (parts of different wholes)
    width: float  # of a 100-unit-wide track


@dataclass
class Progress:
    since: date
    contact_count: int = 0
    held_per_week: list[WeekBar] = field(default_factory=list)
    held_total: int = 0
    held_max: int = 0
    requested: int = 0
    converted: int = 0
    conversion: list[Share] = field(default_factory=list)
    thank_yous_done: int = 0
    thank_yous_on_time: int = 0
    thank_yous_overdue: int = 0
    thank_yous: list[Share] = field(default_factory=list)
    sources: list[Share] = field(default_factory=list)
    new_contacts: int = 0
    gave: int = 0
    received: int = 0
    give_get: list[Share] = field(default_factory=list)

    @property
    def conversion_percent(self) -> int | None:
        return _percent(self.converted, self.requested) if self.requested else None

    @property
    def on_time_percent(self) -> int | None:
        return _percent(self.thank_yous_on_time, self.thank_yous_done) if self.thank_yous_done else None

    @property
    def is_empty(self) -> bool:
        return not (
            self.held_total or self.requested or self.thank_yous_done or self.new_contacts or self.gave or self.received
        )


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _shares(rows: list[tuple[str, str, int]], *, whole: int | None = None, percent: bool = True) -> list[Share]:
    total = whole if whole is not None else sum(count for _, _, count in rows)
    largest = max((count for _, _, count in rows), default=0)
    return [
        Share(
            key=key,
            label=label,
            count=count,
            percent=_percent(count, total) if percent else None,
            # Bars are scaled to the largest value so small channels stay visible.
            width=round(100 * count / largest, 1) if largest else 0,
        )
        for key, label, count in rows
    ]


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def start_of(day: date) -> datetime:
    """Local midnight as an aware datetime: ``created_at >= start_of(day)`` can use an index,
    where ``created_at__date >= day`` casts every row first."""
    return timezone.make_aware(datetime.combine(day, time.min))


def meetings_held_per_week(user: User, *, today: date) -> tuple[list[WeekBar], int, int]:
    """Held meetings per ISO week (Monday start) for the last twelve weeks, this week included."""
    first_week = week_start(today) - timedelta(weeks=WEEKS - 1)
    rows = (
        Meeting.objects.for_owner(user)
        .held()
        .filter(held_at__gte=start_of(first_week))
        .annotate(week=TruncWeek("held_at"))
        .values("week")
        .annotate(count=Count("*"))
        .order_by()
    )
    counts = {row["week"].date() if isinstance(row["week"], datetime) else row["week"]: row["count"] for row in rows}
    weeks = [first_week + timedelta(weeks=i) for i in range(WEEKS)]
    values = [counts.get(week, 0) for week in weeks]
    largest = max(values, default=0)
    slot = CHART_WIDTH / WEEKS
    bar_width = slot * 0.62
    span = BAR_AREA_BOTTOM - BAR_AREA_TOP
    bars = []
    for i, (week, count) in enumerate(zip(weeks, values, strict=True)):
        height = round(span * count / largest, 1) if largest else 0
        # An empty week still gets a hairline, so "zero" reads as a value, not a gap.
        height = max(height, 1.5)
        x = round(i * slot + (slot - bar_width) / 2, 1)
        bars.append(
            WeekBar(
                week_start=week,
                count=count,
                x=x,
                y=round(BAR_AREA_BOTTOM - height, 1),
                width=round(bar_width, 1),
                height=height,
                label_x=round(x + bar_width / 2, 1),
                value_y=round(BAR_AREA_BOTTOM - height - 4, 1),
                show_label=i % 3 == 0 or i == WEEKS - 1,
            )
        )
    return bars, sum(values), largest


def outreach_conversion(user: User, *, since: date) -> tuple[int, int, list[Share]]:
    """Of the meeting requests sent since ``since``, how many became a scheduled or held meeting."""
    converted_states = [MeetingState.SCHEDULED, MeetingState.HELD]
    closed_states = [MeetingState.DECLINED, MeetingState.NO_REPLY, MeetingState.CANCELLED]
    totals = (
        Meeting.objects.for_owner(user)
        .filter(requested_at__gte=start_of(since))
        .aggregate(
            requested=Count("*"),
            converted=Count("state", filter=Q(state__in=converted_states)),
            waiting=Count("state", filter=Q(state=MeetingState.REQUESTED)),
            closed=Count("state", filter=Q(state__in=closed_states)),
        )
    )
    requested = totals["requested"]
    rows = [
        ("converted", "Scheduled or held", totals["converted"]),
        ("waiting", "Waiting for an answer", totals["waiting"]),
        ("closed", "Declined, no reply or cancelled", totals["closed"]),
    ]
    return requested, totals["converted"], _shares(rows, whole=requested)


def thank_yous_on_time(user: User, *, since: date, today: date) -> tuple[int, int, int, list[Share]]:
    """Thank-you notes (to the person met and to the referrer) done by their due date.

    Counts the notes sent in the window (``FollowUpQuerySet.thank_yous_sent``, the digest's
    read too), and those that fell due in it and are still owed.
    """
    mine = FollowUp.objects.for_owner(user)
    sent = (
        mine.thank_yous_sent({user: (since, today + timedelta(days=1))})
        .annotate(part=Value("done"))
        .on_time_tally("part")
        .values_list("part", "sent", "sent_on_time")
    )
    owed = (
        mine.thank_yous()
        .filter(state=FollowUpState.OPEN, due_on__gte=since, due_on__lt=today)
        .order_by()
        .annotate(part=Value("overdue"))
        .values("part")
        .annotate(count=Count("*"), on_time=Value(0))
        .values_list("part", "count", "on_time")
    )
    # Two counts glued with UNION ALL rather than one over an OR of the two: each part is
    # then an index-only range scan of followup_owner_thank_yous (an OR reads the table).
    totals = {part: (count, on_time) for part, count, on_time in sent.union(owed, all=True)}
    (done, on_time), (overdue, _) = totals.get("done", (0, 0)), totals.get("overdue", (0, 0))
    rows = [
        ("on_time", "Sent on time", on_time),
        ("late", "Sent late", done - on_time),
        ("overdue", "Still owed, overdue", overdue),
    ]
    # "Sent" and "still owed" are different wholes: counts only, the headline has the rate.
    return done, on_time, overdue, _shares(rows, percent=False)


def network_by_source(user: User, *, since: date) -> tuple[int, int, list[Share]]:
    """The size of the whole network, and which channels it grew through since ``since``.

    One index-only scan over (owner, source, created_at) answers both.
    """
    rows = (
        Contact.objects.for_owner(user)
        .values("source")
        .annotate(total=Count("*"), new=Count("created_at", filter=Q(created_at__gte=start_of(since))))
        .order_by()
    )
    labels = dict(Source.choices)
    data = sorted(
        ((row["source"], labels.get(row["source"], row["source"]), row["new"]) for row in rows if row["new"]),
        key=lambda item: (-item[2], item[1]),
    )
    if len(data) > SOURCE_ROWS:
        # The long tail in one row keeps the card readable; every channel still counts.
        rest = data[SOURCE_ROWS - 1 :]
        data = [*data[: SOURCE_ROWS - 1], ("rest", f"{len(rest)} other channels", sum(c for _, _, c in rest))]
    return sum(row["total"] for row in rows), sum(count for _, _, count in data), _shares(data)


def give_get_balance(user: User, *, since: date) -> tuple[int, int, list[Share]]:
    totals = (
        LedgerEntry.objects.for_owner(user)
        .filter(occurred_on__gte=since)
        .aggregate(
            gave=Count("direction", filter=Q(direction=Direction.GAVE)),
            received=Count("direction", filter=Q(direction=Direction.RECEIVED)),
        )
    )
    rows = [("gave", "I gave", totals["gave"]), ("received", "I received", totals["received"])]
    return totals["gave"], totals["received"], _shares(rows)


def progress_for(user: User, *, today: date) -> Progress:
    """The dashboard's progress panel: five small aggregate queries (one for an empty network)."""
    since = week_start(today) - timedelta(weeks=WEEKS - 1)
    progress = Progress(since=since)
    progress.contact_count, progress.new_contacts, progress.sources = network_by_source(user, since=since)
    if not progress.contact_count:
        return progress
    progress.held_per_week, progress.held_total, progress.held_max = meetings_held_per_week(user, today=today)
    progress.requested, progress.converted, progress.conversion = outreach_conversion(user, since=since)
    (
        progress.thank_yous_done,
        progress.thank_yous_on_time,
        progress.thank_yous_overdue,
        progress.thank_yous,
    ) = thank_yous_on_time(user, since=since, today=today)
    progress.gave, progress.received, progress.give_get = give_get_balance(user, since=since)
    return progress
