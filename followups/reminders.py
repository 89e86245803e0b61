"""Reminder emails, exactly once: the daily reminder and the weekly digest.

How a run works (the beat tasks and ``manage.py send_reminders`` call the same code):

1. Find the users whose email is due now in their own time zone: the daily
   reminder from ``daily_reminder_hour`` until the end of their local day, the
   digest from ``weekly_digest_weekday`` at ``weekly_digest_hour`` until the end of
   their local week. Users who already have a settled row for the period are left out.
2. For a batch of them, claim: ``INSERT ... ON CONFLICT DO NOTHING`` one
   ``ReminderEmail`` per (user, kind, period) carrying this batch's random token,
   then a conditional ``UPDATE`` that takes over rows that failed earlier or whose
   claim went stale. Only rows carrying our token are ours to send. A second beat
   tick, a second worker or a second command hits the unique constraint and
   finds nothing to send.
3. Build every email of the batch from a fixed number of queries, send each
   one, and mark it sent (or failed) right after its own send.

Why one UPDATE per delivered email: marking a whole batch at the end would mean a
worker killed mid-batch leaves already-delivered rows looking unsent, and the
next run would send them again. Marking each row right after its SMTP
transaction narrows the window of doubt to the single message in flight.

Stale claims and ``kill -9``: a claimed row whose worker died stays "sending".
After ``STALE_CLAIM_AFTER`` (the ``NETWEAVE_STALE_CLAIM_MINUTES`` setting, 30 by
default) another run takes it over and sends it. A live worker never races that
takeover: it stops sending its batch once its claim is half that age and hands the
rest back as failed (retried next run).
The one remaining risk is a message the SMTP server accepted in the instant
before the worker died, before the row was marked: that single message can go out
twice. We accept that over stranding rows forever (which would silently lose the
reminder), and give every reminder a deterministic Message-ID per (user, kind,
period) so mail clients that de-duplicate by Message-ID show it once.
"""

from __future__ import annotations

import contextlib
import logging
import smtplib
import time
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection
from django.db.models import Case, DateField, Exists, F, OuterRef, Q, QuerySet, Value, When, Window
from django.db.models.functions import Coalesce, RowNumber
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from meetings.models import Meeting, MeetingState
from netweave.emails import absolute_url, make_message

from .links import action_url, unsubscribe_url
from .models import FollowUp, ReminderEmail, ReminderKind, ReminderStatus
from .services import DEFAULT_SNOOZE_DAYS

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
STALE_CLAIM_AFTER = timedelta(minutes=settings.NETWEAVE_STALE_CLAIM_MINUTES)
GOING_COLD_SHOWN = 5
# A send that keeps failing (a mailbox that refuses mail) stops being retried after this
# many attempts in its period; it stays visible as failed in the admin and on the preferences page.
MAX_ATTEMPTS = 5
SEND_ERRORS = (smtplib.SMTPException, OSError)


@dataclass
class SendResult:
    sent: int = 0
    skipped: int = 0
    failed: int = 0

    def __add__(self, other: SendResult) -> SendResult:
        return SendResult(self.sent + other.sent, self.skipped + other.skipped, self.failed + other.failed)

    def as_line(self) -> str:
        return f"sent={self.sent} skipped={self.skipped} failed={self.failed}"


# --- Who is due -------------------------------------------------------------------------


def _enabled(kind: str) -> Q:
    flag = "daily_reminder_enabled" if kind == ReminderKind.DAILY else "weekly_digest_enabled"
    return Q(**{flag: True}, is_active=True) & ~Q(email="")


def _due_in_zone(kind: str, zone: str, now: datetime) -> tuple[Q, date] | None:
    try:
        local = now.astimezone(ZoneInfo(zone))
    except (KeyError, ValueError):
        logger.warning("Skipping users with unknown time zone %r", zone)
        return None
    if kind == ReminderKind.DAILY:
        return Q(time_zone=zone, daily_reminder_hour__lte=local.hour), local.date()
    weekday = local.weekday()
    due = Q(weekly_digest_weekday__lt=weekday) | Q(weekly_digest_weekday=weekday, weekly_digest_hour__lte=local.hour)
    return Q(time_zone=zone) & due, local.date() - timedelta(days=weekday)


def due_users(kind: str, now: datetime) -> QuerySet[User]:
    """Users whose ``kind`` email is due at ``now``, annotated with its ``period``. One query to build."""
    zones = User.objects.filter(_enabled(kind)).values_list("time_zone", flat=True).distinct()
    conditions, periods = Q(pk__in=[]), []
    for zone in zones:
        due = _due_in_zone(kind, zone, now)
        if due is not None:
            conditions |= due[0]
            periods.append(When(time_zone=zone, then=Value(due[1])))
    if not periods:
        return User.objects.none()
    taken = ReminderEmail.objects.filter(user=OuterRef("pk"), kind=kind, period=OuterRef("period")).filter(
        Q(status__in=[ReminderStatus.SENT, ReminderStatus.SKIPPED])
        | Q(status=ReminderStatus.SENDING, claimed_at__gte=now - STALE_CLAIM_AFTER)
        | Q(status=ReminderStatus.FAILED, attempts__gte=MAX_ATTEMPTS)
    )
    return (
        User.objects.filter(_enabled(kind))
        .filter(conditions)
        .annotate(period=Case(*periods, output_field=DateField()))
        .filter(~Exists(taken))
        .order_by("pk")
    )


# --- Claiming ---------------------------------------------------------------------------


def claim(kind: str, users: list[User], now: datetime) -> list[ReminderEmail]:
    """Claim this batch's rows; returns only the rows this call now holds. Three queries."""
    token = uuid.uuid4().hex
    ReminderEmail.objects.bulk_create(
        [
            ReminderEmail(
                user=user,
                kind=kind,
                period=user.period,
                status=ReminderStatus.SENDING,
                claim_token=token,
                claimed_at=now,
                attempts=1,
            )
            for user in users
        ],
        ignore_conflicts=True,
    )
    same_period = Q(pk__in=[])
    for user in users:
        same_period |= Q(user_id=user.pk, period=user.period)
    # Take over what failed before, or what a dead worker left claimed. Postgres
    # re-checks this WHERE after waiting on a concurrent update of the same row, so
    # two runs never both take the same row.
    ReminderEmail.objects.filter(same_period, kind=kind).filter(
        Q(status=ReminderStatus.FAILED, attempts__lt=MAX_ATTEMPTS)
        | Q(status=ReminderStatus.SENDING, claimed_at__lt=now - STALE_CLAIM_AFTER)
    ).update(status=ReminderStatus.SENDING, claim_token=token, claimed_at=now, attempts=F("attempts") + 1)
    return list(ReminderEmail.objects.filter(kind=kind, claim_token=token).select_related("user").order_by("user_id"))


# --- What goes in them ------------------------------------------------------------------


@dataclass
class Item:
    followup: FollowUp
    overdue_days: int
    done_url: str
    snooze_url: str
    open_url: str


@dataclass
class Content:
    user: User
    today: date
    items: list[Item] = field(default_factory=list)  # the daily list: due and overdue
    overdue: list[Item] = field(default_factory=list)
    due_this_week: list[Item] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    outcome_reports: list[dict] = field(default_factory=list)
    going_cold: list[Contact] = field(default_factory=list)
    more_going_cold: bool = False
    held_last_week: int = 0
    new_contacts_last_week: int = 0
    thank_yous_done: int = 0
    thank_yous_on_time: int = 0

    @property
    def has_anything_due(self) -> bool:
        return bool(self.items)

    @property
    def followups_due(self) -> int:
        return len(self.overdue) + len(self.due_this_week)


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
        open_url=absolute_url(reverse("followups:detail", args=[followup.pk])),
    )


def _open_followups(users: list[User], until: date) -> dict[int, list[FollowUp]]:
    """One query: every open follow-up of the batch due by ``until`` (later filtered per user)."""
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


def daily_contents(users: list[User], now: datetime) -> dict[int, Content]:
    """The daily list for each user of the batch. One query."""
    todays = {u.pk: _local_today(u, now) for u in users}
    followups = _open_followups(users, max(todays.values()))
    contents = {}
    for user in users:
        today = todays[user.pk]
        content = Content(user=user, today=today)
        for followup in followups.get(user.pk, []):
            if followup.due_on <= today and not (followup.snoozed_until and followup.snoozed_until > today):
                item = _item(followup, today)
                content.items.append(item)
                if followup.due_on < today:
                    content.overdue.append(item)
        contents[user.pk] = content
    return contents


def _in_window(user_windows: dict[int, tuple[datetime, datetime]], rows: Iterable[tuple]) -> dict[int, list]:
    bucket: dict[int, list] = defaultdict(list)
    for owner_id, moment, *rest in rows:
        start, end = user_windows[owner_id]
        if moment is not None and start <= moment < end:
            bucket[owner_id].append((moment, *rest))
    return bucket


def weekly_contents(users: list[User], now: datetime) -> dict[int, Content]:
    """Everything in each digest of the batch, from seven queries whatever the batch size."""
    ids = [u.pk for u in users]
    todays = {u.pk: _local_today(u, now) for u in users}
    week_starts = {u.pk: todays[u.pk] - timedelta(days=todays[u.pk].weekday()) for u in users}
    this_week = {
        u.pk: (_local_midnight(u, week_starts[u.pk]), _local_midnight(u, week_starts[u.pk] + timedelta(days=7)))
        for u in users
    }
    last_week = {u.pk: (_local_midnight(u, week_starts[u.pk] - timedelta(days=7)), this_week[u.pk][0]) for u in users}
    widest_this = (min(w[0] for w in this_week.values()), max(w[1] for w in this_week.values()))
    widest_last = (min(w[0] for w in last_week.values()), max(w[1] for w in last_week.values()))

    # 1: open follow-ups due by the end of the week.
    followups = _open_followups(users, max(week_starts.values()) + timedelta(days=6))
    # 2: this week's meetings.
    meetings = _in_window(
        this_week,
        (
            (m.owner_id, m.starts_at, m)
            for m in Meeting.objects.filter(
                owner_id__in=ids,
                state=MeetingState.SCHEDULED,
                starts_at__gte=widest_this[0],
                starts_at__lt=widest_this[1],
            )
            .select_related("contact")
            .order_by("starts_at")
        ),
    )
    # 3: outcome reports waiting for review, per search.
    outcome_reports: dict[int, list[dict]] = defaultdict(list)
    for row in FollowUp.objects.filter(owner_id__in=ids).outcome_reports_waiting().per_search():
        row["review_url"] = absolute_url(reverse("followups:review_outcome_reports", args=[row["search_id"]]))
        outcome_reports[row["owner_id"]].append(row)
    # 4: people going cold, the first few per user: one UNION of each owner's going_cold().
    going_cold: dict[int, list[Contact]] = defaultdict(list)
    per_user = [Contact.objects.for_owner(u).going_cold(now)[: GOING_COLD_SHOWN + 1] for u in users]
    if connection.features.supports_slicing_ordering_in_compound:
        cold_rows = per_user[0].union(*per_user[1:], all=True)
    else:  # SQLite (the make-run fallback) cannot UNION sliced queries: one query a user.
        cold_rows = [contact for part in per_user for contact in part]
    for contact in cold_rows:
        going_cold[contact.owner_id].append(contact)
    # 5-7: last week's progress.
    held = _in_window(
        last_week,
        Meeting.objects.filter(
            owner_id__in=ids, state=MeetingState.HELD, held_at__gte=widest_last[0], held_at__lt=widest_last[1]
        ).values_list("owner_id", "held_at"),
    )
    new_contacts = _in_window(
        last_week,
        Contact.objects.filter(
            owner_id__in=ids, created_at__gte=widest_last[0], created_at__lt=widest_last[1]
        ).values_list("owner_id", "created_at"),
    )
    thank_yous = {
        row["owner_id"]: row
        for row in FollowUp.objects.thank_yous_sent(
            {u: (week_starts[u.pk] - timedelta(days=7), week_starts[u.pk]) for u in users}
        ).on_time_tally("owner_id")
    }

    contents = {}
    for user in users:
        today = todays[user.pk]
        week_end = week_starts[user.pk] + timedelta(days=6)
        content = Content(user=user, today=today)
        for followup in followups.get(user.pk, []):
            if followup.snoozed_until and followup.snoozed_until > today:
                continue
            item = _item(followup, today)
            if followup.due_on < today:
                content.overdue.append(item)
            elif followup.due_on <= week_end:
                content.due_this_week.append(item)
            if followup.due_on <= today:
                content.items.append(item)
        content.meetings = [row[1] for row in meetings.get(user.pk, [])]
        content.outcome_reports = outcome_reports.get(user.pk, [])
        cold = going_cold.get(user.pk, [])
        content.going_cold, content.more_going_cold = cold[:GOING_COLD_SHOWN], len(cold) > GOING_COLD_SHOWN
        content.held_last_week = len(held.get(user.pk, []))
        content.new_contacts_last_week = len(new_contacts.get(user.pk, []))
        sent = thank_yous.get(user.pk, {"sent": 0, "sent_on_time": 0})
        content.thank_yous_done, content.thank_yous_on_time = sent["sent"], sent["sent_on_time"]
        contents[user.pk] = content
    return contents


# --- Sending ----------------------------------------------------------------------------


def _message_id(row: ReminderEmail) -> str:
    domain = urlparse(settings.SITE_URL).hostname or "netweave.local"
    return f"<netweave.{row.kind}.{row.period:%Y%m%d}.{row.user_id}@{domain}>"


def build_message(row: ReminderEmail, content: Content, *, connection=None):
    user = row.user
    unsubscribe = unsubscribe_url(user, row.kind)
    name = "daily_reminder" if row.kind == ReminderKind.DAILY else "weekly_digest"
    context = {
        "user": user,
        "content": content,
        "period": row.period,
        "week_end": row.period + timedelta(days=6),
        "unsubscribe_url": unsubscribe,
        "followups_url": absolute_url(reverse("followups:list")),
        "preferences_url": absolute_url(reverse("accounts:preferences")),
        "kind_label": ReminderKind(row.kind).label.lower(),
    }
    return make_message(
        name,
        context,
        to=[user.email],
        connection=connection,
        headers={
            "Message-ID": _message_id(row),
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )


def _deliver(kind: str, rows: list[ReminderEmail], now: datetime) -> SendResult:
    result = SendResult()
    if not rows:
        return result
    users = [row.user for row in rows]
    contents = daily_contents(users, now) if kind == ReminderKind.DAILY else weekly_contents(users, now)
    to_send = []
    skipped = []
    for row in rows:
        content = contents[row.user_id]
        # The daily reminder only goes out when something is due or overdue; that day is settled.
        if kind == ReminderKind.DAILY and not content.has_anything_due:
            skipped.append(row.pk)
        else:
            to_send.append((row, content))
    if skipped:
        ReminderEmail.objects.filter(pk__in=skipped).update(status=ReminderStatus.SKIPPED, claim_token="")
        result.skipped += len(skipped)
    if not to_send:
        return result

    # A live worker must never still be sending when another run may take its claim over.
    give_up_at = time.monotonic() + STALE_CLAIM_AFTER.total_seconds() / 2
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except SEND_ERRORS as error:
        _mark_failed([row for row, _ in to_send], now, f"Could not connect to the mail server: {error}")
        result.failed += len(to_send)
        return result
    try:
        for index, (row, content) in enumerate(to_send):
            if time.monotonic() > give_up_at:
                rest = [r for r, _ in to_send[index:]]
                _mark_failed(rest, now, "The batch ran out of time; the next run sends it.")
                result.failed += len(rest)
                break
            try:
                build_message(row, content, connection=connection).send()
            except SEND_ERRORS as error:
                logger.warning("Reminder %s to user %s failed: %s", row.kind, row.user_id, error)
                _mark_failed([row], now, str(error) or error.__class__.__name__)
                result.failed += 1
                continue
            # The commit point for this one email (see the module docstring).
            ReminderEmail.objects.filter(pk=row.pk, claim_token=row.claim_token).update(
                status=ReminderStatus.SENT,
                sent_at=now,
                claim_token="",
                last_error="",
                item_count=len(content.items) if kind == ReminderKind.DAILY else content.followups_due,
            )
            result.sent += 1
    finally:
        with contextlib.suppress(*SEND_ERRORS):
            connection.close()
    return result


def _mark_failed(rows: list[ReminderEmail], now: datetime, error: str) -> None:
    ReminderEmail.objects.filter(pk__in=[r.pk for r in rows], status=ReminderStatus.SENDING).update(
        status=ReminderStatus.FAILED, failed_at=now, last_error=error[:1000], claim_token=""
    )


def send_reminders(kind: str, *, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> SendResult:
    """Send every ``kind`` reminder due at ``now``, in batches; safe to run at any time, any number of times."""
    now = now or timezone.now()
    result = SendResult()
    users = due_users(kind, now)
    last_id = 0
    while True:
        batch = list(users.filter(pk__gt=last_id)[:batch_size])
        if not batch:
            return result
        last_id = batch[-1].pk
        result += _deliver(kind, claim(kind, batch, now), now)


def send_daily_reminders(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> SendResult:
    return send_reminders(ReminderKind.DAILY, now=now, batch_size=batch_size)


def send_weekly_digests(*, now: datetime | None = None, batch_size: int = BATCH_SIZE) -> SendResult:
    return send_reminders(ReminderKind.WEEKLY, now=now, batch_size=batch_size)


# --- Preferences ------------------------------------------------------------------------


def unsubscribe(user: User, kind: str) -> bool:
    """Switch one email off. Returns False if it was already off."""
    flag = "daily_reminder_enabled" if kind == ReminderKind.DAILY else "weekly_digest_enabled"
    return bool(User.objects.filter(pk=user.pk, **{flag: True}).update(**{flag: False}))


def delivery_status(user: User) -> list[dict[str, str]]:
    """What the preferences page shows: last sent per kind, and recent failures. One query."""
    zone = ZoneInfo(user.time_zone)
    moment = Coalesce("sent_at", "failed_at", "created_at")
    recent = list(
        ReminderEmail.objects.filter(user=user, status__in=[ReminderStatus.SENT, ReminderStatus.FAILED])
        .annotate(rank=Window(RowNumber(), partition_by=[F("kind"), F("status")], order_by=moment.desc()))
        .filter(rank__lte=3)
    )
    last_sent = {row.kind: row.sent_at for row in recent if row.status == ReminderStatus.SENT and row.rank == 1}
    rows = []
    for kind in ReminderKind:
        sent = last_sent.get(kind.value)
        rows.append(
            {
                "label": f"Last {kind.label.lower()}",
                "value": f"{sent.astimezone(zone):%a %d %b %Y, %H:%M}" if sent else "Not sent yet",
                "state": "ok" if sent else "none",
            }
        )
    failed = sorted(
        (row for row in recent if row.status == ReminderStatus.FAILED),
        key=lambda row: row.failed_at or row.created_at,
        reverse=True,
    )[:3]
    rows.extend(
        {
            "label": f"{row.get_kind_display()} for {row.period:%d %b} failed",
            "value": f"{row.attempts} attempt{'s' if row.attempts != 1 else ''}; "
            + ("retrying automatically" if row.attempts < MAX_ATTEMPTS else "gave up; check your address"),
            "state": "failed",
        }
        for row in failed
    )
    return rows
