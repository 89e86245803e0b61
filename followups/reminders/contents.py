"""What each reminder says, for a whole batch of users in a fixed number of queries.

Both emails are short on purpose: the daily shows the ten most urgent things and
links to the rest; the weekly digest is a plan for the week (its meetings from today on,
the top five things to do, the top five people going cold, outcome reports waiting, and
last week's progress in one line), each part capped and linking to its page. On the day
it goes out the digest is the user's only reminder (``specs.DAILY.gives_way``), so it
says what the daily would have: how much is due today and overdue, and at least the
daily's list of the most urgent things. Days and weeks are the user's own
(``User.time_zone``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from django.urls import reverse

from accounts.models import User
from contacts.models import Contact
from meetings.models import Meeting, MeetingState
from netweave.emails import absolute_reverse, absolute_url

from ..links import action_url
from ..models import FollowUp
from ..services import DEFAULT_SNOOZE_DAYS

DAILY_SHOWN = 10
DIGEST_SHOWN = 5

Row = TypeVar("Row")


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def follow_ups_line(due: int, overdue: int, *, when: str = "") -> str:
    """How many follow-ups, each counted once: "17 overdue follow-ups", "2 follow-ups due today, 15 overdue"."""
    due_when = f"due {when}".rstrip()
    if not overdue:
        return f"{_counted(due, 'follow-up')} {due_when}"
    if not due:
        return f"{overdue} overdue {'follow-up' if overdue == 1 else 'follow-ups'}"
    return f"{_counted(due, 'follow-up')} {due_when}, {overdue} overdue"


@dataclass
class Item:
    followup: FollowUp
    overdue_days: int
    done_url: str
    snooze_url: str
    open_url: str


@dataclass
class Section(Generic[Row]):
    """One capped part of an email: the rows shown, how many there are, and the page listing them all."""

    rows: list[Row]
    total: int | None  # None: more than shown, how many more unknown (read one past the cap)
    url: str

    @property
    def more(self) -> int:
        return (self.total or 0) - len(self.rows) if self.total is not None else 0

    @property
    def has_more(self) -> bool:
        return self.total is None or self.total > len(self.rows)

    @classmethod
    def capped(cls, rows: list[Row], cap: int, url: str, *, total: int | None = None) -> Section[Row]:
        return cls(rows=rows[:cap], total=len(rows) if total is None else total, url=url)


@dataclass
class DailyReminder:
    user: User
    today: date
    to_do: Section[Item]  # due and overdue: overdue oldest first, then due today
    overdue: int = 0
    meetings: list[Meeting] = field(default_factory=list)  # today's, in local time

    @property
    def is_empty(self) -> bool:
        return not self.to_do.total and not self.meetings

    @property
    def item_count(self) -> int:
        return self.to_do.total or 0

    @property
    def headline(self) -> str:
        """The subject: the follow-ups due today and overdue, or else today's meetings."""
        if self.to_do.total:
            return follow_ups_line(self.item_count - self.overdue, self.overdue, when="today")
        return f"Today: {_counted(len(self.meetings), 'meeting')}"


@dataclass
class LastWeek:
    meetings_held: int = 0
    thank_yous_sent: int = 0
    thank_yous_on_time: int = 0
    referrals: int = 0


@dataclass
class WeeklyDigest:
    user: User
    today: date
    week_start: date
    meetings: Section[Meeting]  # from today to the end of the week
    to_do: Section[Item]  # overdue, then due today, then due by the end of the week
    going_cold: Section[Contact]
    outcome_reports: Section[dict[str, Any]]
    overdue: int = 0
    due_today: int = 0
    last_week: LastWeek = field(default_factory=LastWeek)

    @property
    def week_end(self) -> date:
        return self.week_start + timedelta(days=6)

    @property
    def followups_due(self) -> int:
        return self.to_do.total or 0

    @property
    def is_empty(self) -> bool:
        # Last week's figures alone are no plan for this week.
        return not (self.meetings.rows or self.to_do.rows or self.going_cold.rows or self.outcome_reports.rows)

    @property
    def item_count(self) -> int:
        return self.followups_due

    @property
    def summary(self) -> str:
        """The subject after the week: "3 meetings, 2 follow-ups due, 15 overdue"."""
        parts = [_counted(self.meetings.total or 0, "meeting")]
        if self.followups_due:
            parts.append(follow_ups_line(self.followups_due - self.overdue, self.overdue))
        return ", ".join(parts)

    @property
    def today_line(self) -> str:
        """What the daily would have led with ("2 follow-ups due, 15 overdue"); empty if nothing is."""
        if not (self.due_today or self.overdue):
            return ""
        return follow_ups_line(self.due_today, self.overdue)


def _local_today(user: User, now: datetime) -> date:
    return now.astimezone(ZoneInfo(user.time_zone)).date()


def _local_midnight(user: User, day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(user.time_zone))


def _item(followup: FollowUp, today: date) -> Item:
    return Item(
        followup=followup,
        overdue_days=(today - followup.due_on).days,
        done_url=action_url(followup, "done"),
        snooze_url=action_url(followup, "snooze", until=today + timedelta(days=DEFAULT_SNOOZE_DAYS)),
        open_url=absolute_reverse("followups:detail", followup.pk),
    )


def _to_do(
    followups: Iterable[FollowUp], today: date, until: date, cap: int, url: str, *, urgent_cap: int = 0
) -> tuple[Section[Item], int, int]:
    """Open and not snoozed, due by ``until``, most urgent first, capped; how many are overdue and due today.

    ``cap`` rows are shown, or more when more than that are overdue or due today: then as
    many of those as ``urgent_cap`` allows. Only the shown rows get their signed links.
    """
    due = [f for f in followups if f.due_on <= until and not (f.snoozed_until and f.snoozed_until > today)]
    overdue = sum(1 for f in due if f.due_on < today)
    due_today = sum(1 for f in due if f.due_on == today)
    shown = [_item(f, today) for f in due[: max(cap, min(overdue + due_today, urgent_cap))]]
    return Section(rows=shown, total=len(due), url=url), overdue, due_today


def _open_followups(users: list[User], until: date) -> dict[int, list[FollowUp]]:
    """One query: every open follow-up of the batch due by ``until``, oldest first."""
    by_owner: dict[int, list[FollowUp]] = defaultdict(list)
    rows = (
        FollowUp.objects.filter(owner_id__in=[u.pk for u in users], due_on__lte=until)
        .open()
        .select_related("contact")
        .order_by("due_on", "id")
    )
    for followup in rows:
        by_owner[followup.owner_id].append(followup)
    return by_owner


def _in_window(user_windows: dict[int, tuple[datetime, datetime]], rows: Iterable[tuple]) -> dict[int, list]:
    bucket: dict[int, list] = defaultdict(list)
    for owner_id, moment, *rest in rows:
        start, end = user_windows[owner_id]
        if moment is not None and start <= moment < end:
            bucket[owner_id].append((moment, *rest))
    return bucket


def _widest(windows: dict[int, tuple[datetime, datetime]]) -> tuple[datetime, datetime]:
    return min(w[0] for w in windows.values()), max(w[1] for w in windows.values())


def _scheduled(windows: dict[int, tuple[datetime, datetime]]) -> dict[int, list[Meeting]]:
    """One query: each user's scheduled meetings starting in their window, earliest first."""
    start, end = _widest(windows)
    meetings = (
        Meeting.objects.filter(
            owner_id__in=list(windows), state=MeetingState.SCHEDULED, starts_at__gte=start, starts_at__lt=end
        )
        .select_related("contact")
        .order_by("starts_at", "id")
    )
    found = _in_window(windows, ((m.owner_id, m.starts_at, m) for m in meetings))
    return {owner_id: [row[1] for row in rows] for owner_id, rows in found.items()}


def daily_contents(users: list[User], now: datetime) -> dict[int, DailyReminder]:
    """The daily reminder for each user of the batch. Two queries: follow-ups, today's meetings."""
    todays = {u.pk: _local_today(u, now) for u in users}
    followups = _open_followups(users, max(todays.values()))
    meetings = _scheduled(
        {u.pk: (_local_midnight(u, todays[u.pk]), _local_midnight(u, todays[u.pk] + timedelta(days=1))) for u in users}
    )
    followups_url = absolute_url(reverse("followups:list"))
    contents = {}
    for user in users:
        today = todays[user.pk]
        to_do, overdue, _ = _to_do(followups.get(user.pk, []), today, today, DAILY_SHOWN, followups_url)
        contents[user.pk] = DailyReminder(
            user=user, today=today, to_do=to_do, overdue=overdue, meetings=meetings.get(user.pk, [])
        )
    return contents


def _going_cold(users: list[User], now: datetime) -> dict[int, list[Contact]]:
    """One query: the first few people going cold per user (``going_cold_for_owners``)."""
    going_cold: dict[int, list[Contact]] = defaultdict(list)
    # Only what the digest shows (``full_name`` falls back to the first email, then the
    # company): a contact row with its notes and search text is mostly what no email reads.
    shown = ("owner_id", "given_name", "family_name", "emails", "company", "last_contacted_at")
    for contact in Contact.objects.going_cold_for_owners(users, now, first=DIGEST_SHOWN + 1).only(*shown):
        going_cold[contact.owner_id].append(contact)
    return going_cold


def _outcome_reports(ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """One query: outcome reports waiting for review, one row per (user, search)."""
    reports: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in FollowUp.objects.filter(owner_id__in=ids).outcome_reports_waiting().per_search():
        row["review_url"] = absolute_reverse("followups:review_outcome_reports", row["search_id"])
        reports[row["owner_id"]].append(row)
    return reports


def _last_week(users: list[User], week_starts: dict[int, date]) -> dict[int, LastWeek]:
    """Three queries: meetings held, referrals gained (people introduced to the user), thank-yous sent."""
    ids = [u.pk for u in users]
    windows = {
        u.pk: (_local_midnight(u, week_starts[u.pk] - timedelta(days=7)), _local_midnight(u, week_starts[u.pk]))
        for u in users
    }
    start, end = _widest(windows)
    held = _in_window(
        windows,
        Meeting.objects.filter(
            owner_id__in=ids, state=MeetingState.HELD, held_at__gte=start, held_at__lt=end
        ).values_list("owner_id", "held_at"),
    )
    referrals = _in_window(
        windows,
        Contact.objects.filter(
            owner_id__in=ids, introduced_by__isnull=False, created_at__gte=start, created_at__lt=end
        ).values_list("owner_id", "created_at"),
    )
    thank_yous = {
        row["owner_id"]: row
        for row in FollowUp.objects.thank_yous_sent(
            {u: (week_starts[u.pk] - timedelta(days=7), week_starts[u.pk]) for u in users}
        ).on_time_tally("owner_id")
    }
    return {
        pk: LastWeek(
            meetings_held=len(held.get(pk, [])),
            thank_yous_sent=thank_yous.get(pk, {}).get("sent", 0),
            thank_yous_on_time=thank_yous.get(pk, {}).get("sent_on_time", 0),
            referrals=len(referrals.get(pk, [])),
        )
        for pk in ids
    }


def weekly_contents(users: list[User], now: datetime) -> dict[int, WeeklyDigest]:
    """Every digest of the batch from seven queries, whatever the batch size.

    Follow-ups, this week's meetings, outcome reports, the going-cold window query, and last
    week's three figures.
    """
    todays = {u.pk: _local_today(u, now) for u in users}
    week_starts = {u.pk: todays[u.pk] - timedelta(days=todays[u.pk].weekday()) for u in users}
    followups = _open_followups(users, max(week_starts.values()) + timedelta(days=6))
    # From today, not from Monday: a digest going out later in the week lists today's
    # meetings first, as the daily it stands in for would have, not the days already past.
    meetings = _scheduled(
        {
            u.pk: (_local_midnight(u, todays[u.pk]), _local_midnight(u, week_starts[u.pk] + timedelta(days=7)))
            for u in users
        }
    )
    reports = _outcome_reports([u.pk for u in users])
    going_cold = _going_cold(users, now)
    last_week = _last_week(users, week_starts)

    meetings_url = absolute_url(reverse("meetings:list"))
    going_cold_url = absolute_url(reverse("contacts:going_cold"))
    followups_url = absolute_url(reverse("followups:list"))
    contents = {}
    for user in users:
        today, week_start = todays[user.pk], week_starts[user.pk]
        # At least what the daily would have listed: the digest is that day's only reminder.
        to_do, overdue, due_today = _to_do(
            followups.get(user.pk, []),
            today,
            week_start + timedelta(days=6),
            DIGEST_SHOWN,
            followups_url,
            urgent_cap=DAILY_SHOWN,
        )
        cold = going_cold.get(user.pk, [])
        contents[user.pk] = WeeklyDigest(
            user=user,
            today=today,
            week_start=week_start,
            meetings=Section.capped(meetings.get(user.pk, []), DIGEST_SHOWN, meetings_url),
            to_do=to_do,
            # Read one past the cap: "more" without counting a whole network.
            going_cold=Section(
                rows=cold[:DIGEST_SHOWN], total=len(cold) if len(cold) <= DIGEST_SHOWN else None, url=going_cold_url
            ),
            outcome_reports=Section.capped(reports.get(user.pk, []), DIGEST_SHOWN, followups_url),
            overdue=overdue,
            due_today=due_today,
            last_week=last_week[user.pk],
        )
    return contents
