"""The time-driven rules, run by the ``create_due_followups`` batch job.

- Reply nudge: a meeting requested with no answer after the owner's
  ``reply_nudge_after_days``: one polite nudge, ever, per request.
- Keep in touch: a contact whose cadence lapsed (``Contact.objects.for_owner(u).going_cold(now)``):
  one follow-up per lapse; touching the contact starts a new clock and so a new key.
  At most ``User.keep_in_touch_per_day`` new ones a day (allies first, then the most
  overdue); the rest wait for later days, so a big import or a first run on an old
  network never floods "Due now".

Both work in batches with a constant number of queries per batch: read the batch,
build the rows in Python, ``bulk_create(ignore_conflicts=True)`` against the
``rule_key`` unique constraint. Re-running inserts nothing new.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import Count, DateTimeField, DurationField, Expression, ExpressionWrapper, F, Q

from accounts.models import User
from contacts.models import Contact, Stage
from meetings.models import Meeting, MeetingState
from netweave.cache import bump_owner

from . import rule_keys
from .drafts import DraftBook
from .models import DraftKind, FollowUp, FollowUpKind, FollowUpState
from .services import describe_when, local_now

BATCH_SIZE = 200


@dataclass
class RuleRun:
    reply_nudges: int = 0
    keep_in_touch: int = 0

    @property
    def created(self) -> int:
        return self.reply_nudges + self.keep_in_touch

    def as_line(self) -> str:
        """What the task returns and the command prints: ``created=N`` comes last."""
        return f"reply_nudges={self.reply_nudges} keep_in_touch={self.keep_in_touch} created={self.created}"


def create_due_followups(*, now: datetime, batch_size: int = BATCH_SIZE) -> RuleRun:
    return RuleRun(
        reply_nudges=create_reply_nudges(now=now, batch_size=batch_size),
        keep_in_touch=create_keep_in_touch(now=now, batch_size=batch_size),
    )


def unanswered_requests(now: datetime):
    """Requested meetings older than their owner's nudge delay (the owner's setting, in SQL)."""
    delay: Expression = F("owner__reply_nudge_after_days") * timedelta(days=1)
    if connection.vendor == "sqlite":
        # SQLite (the make-run fallback) cannot multiply an interval, but it stores
        # durations as microseconds: multiply integers and call the result a duration.
        delay = ExpressionWrapper(F("owner__reply_nudge_after_days") * 86_400_000_000, output_field=DurationField())
    nudge_due_at = ExpressionWrapper(F("requested_at") + delay, output_field=DateTimeField())
    return (
        Meeting.objects.filter(state=MeetingState.REQUESTED, requested_at__isnull=False)
        .annotate(nudge_due_at=nudge_due_at)
        .filter(nudge_due_at__lte=now)
    )


def create_reply_nudges(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    created = 0
    last_id = 0
    while True:
        # 1 query: the batch, with owner and contact.
        meetings = list(
            unanswered_requests(now)
            .filter(pk__gt=last_id)
            .select_related("owner", "contact")
            .order_by("pk")[:batch_size]
        )
        if not meetings:
            return created
        last_id = meetings[-1].pk
        # 1 query: the owners' own draft wording.
        book = DraftBook.for_users({m.owner_id for m in meetings})
        rows = []
        for meeting in meetings:
            owner, contact = meeting.owner, meeting.contact
            draft = book.render(
                owner,
                DraftKind.REPLY_NUDGE,
                {
                    "first_name": contact.call_them,
                    "full_name": contact.full_name,
                    "meeting_when": describe_when(owner, meeting.requested_at),
                },
            )
            rows.append(
                FollowUp(
                    owner=owner,
                    contact=contact,
                    meeting=meeting,
                    search_id=meeting.search_id,
                    kind=FollowUpKind.REPLY_NUDGE,
                    title=f"Nudge {contact.full_name} about your meeting request",
                    due_on=local_now(owner, now).date(),
                    **draft.followup_fields(),
                    rule_key=rule_keys.reply_nudge(meeting.pk),
                )
            )
        created += _insert_new(rows)


def create_keep_in_touch(*, now: datetime, batch_size: int = BATCH_SIZE) -> int:
    """A keep-in-touch follow-up per lapse, at most the owner's daily budget of new ones a day.

    Allies come first, then people in touch, then acquaintances; within a stage, the most
    overdue first. Whoever does not fit today waits: their lapse keeps its ``rule_key``,
    so a later day's run creates it then, once. The Going cold page still lists everyone.
    """
    created = 0
    last_id = 0
    while True:
        # 1 query: a batch of users.
        users = list(User.objects.filter(pk__gt=last_id, is_active=True).order_by("pk")[:batch_size])
        if not users:
            return created
        last_id = users[-1].pk
        by_id = {u.pk: u for u in users}
        # 1 query: every lapsed contact of the batch, through the batch form of the contacts
        # app's going_cold() (the same cadences per owner and stage, one query built once).
        lapsed = list(Contact.objects.going_cold_for_owners(users, now))
        # 1 query: the lapses that already have their follow-up (open, done or skipped), and
        # the people who still have one open from an earlier lapse.
        keys = {contact.pk: rule_keys.keep_in_touch(contact.pk, _lapsed_on(by_id, contact)) for contact in lapsed}
        existing, still_open = _existing_keep_in_touch(keys)
        waiting: dict[int, list[Contact]] = defaultdict(list)
        for contact in lapsed:
            if (contact.owner_id, keys[contact.pk]) not in existing and contact.pk not in still_open:
                waiting[contact.owner_id].append(contact)
        if not waiting:
            continue
        # 1 query: how many each owner already got today (their local day).
        budget = _budget_left((by_id[pk] for pk in waiting), now=now)
        chosen = [
            contact
            for owner_id, contacts in waiting.items()
            for contact in sorted(contacts, key=_priority)[: budget[owner_id]]
        ]
        # 1 query: the owners' own draft wording.
        book = DraftBook.for_users({contact.owner_id for contact in chosen})
        rows = []
        for contact in chosen:
            owner = by_id[contact.owner_id]
            draft = book.render(
                owner, DraftKind.KEEP_IN_TOUCH, {"first_name": contact.call_them, "full_name": contact.full_name}
            )
            rows.append(
                FollowUp(
                    owner=owner,
                    contact=contact,
                    kind=FollowUpKind.KEEP_IN_TOUCH,
                    title=f"Keep in touch with {contact.full_name}",
                    due_on=max(_lapsed_on(by_id, contact), local_now(owner, now).date()),
                    **draft.followup_fields(),
                    rule_key=keys[contact.pk],
                    created_at=now,
                )
            )
        # 1 query: insert (the unique rule_key settles a concurrent run: both choose the same people).
        created += len(FollowUp.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True))
        bump_owner(*{row.owner_id for row in rows})


# Allies first, then in touch, acquaintances, want to meet; then the most overdue.
STAGE_PRIORITY = {stage: rank for rank, stage in enumerate(reversed(Stage.values))}


def _priority(contact: Contact) -> tuple[int, datetime, int]:
    # Only lapsed contacts are ranked, so each has a due time.
    return (STAGE_PRIORITY.get(contact.stage, len(STAGE_PRIORITY)), cast(datetime, contact.touch_due_at), contact.pk)


def _lapsed_on(by_id: dict[int, User], contact: Contact) -> date:
    return local_now(by_id[contact.owner_id], contact.touch_due_at).date()


def _existing_keep_in_touch(keys: dict[int, str]) -> tuple[set[tuple[int, str | None]], set[int]]:
    """The (owner, rule_key) pairs already taken, and the contacts with an open keep-in-touch. One query.

    An open one from an earlier lapse still asks the user to get in touch: a cadence that
    changed since (a new stage, the contact's own cadence, the owner's defaults) moves the
    lapse and so its key, and must not put a second "Keep in touch with Ken" beside it.
    """
    taken: set[tuple[int, str | None]] = set()
    still_open: set[int] = set()
    wanted = set(keys.values())
    rows = FollowUp.objects.filter(
        Q(rule_key__in=wanted) | Q(contact_id__in=list(keys), kind=FollowUpKind.KEEP_IN_TOUCH, state=FollowUpState.OPEN)
    ).values_list("owner_id", "rule_key", "contact_id", "kind", "state")
    for owner_id, rule_key, contact_id, kind, state in rows:
        if rule_key in wanted:
            taken.add((owner_id, rule_key))
        if kind == FollowUpKind.KEEP_IN_TOUCH and state == FollowUpState.OPEN:
            still_open.add(contact_id)
    return taken, still_open


def _budget_left(owners: Iterable[User], *, now: datetime) -> dict[int, int]:
    """How many new keep-in-touch follow-ups each owner may still get today: one query.

    Today is each owner's local day, wherever the server is; owners sharing a time zone
    share one condition.
    """
    owners = list(owners)
    per_zone: dict[str, list[int]] = defaultdict(list)
    for owner in owners:
        per_zone[owner.time_zone].append(owner.pk)
    today = Q(pk__in=[])
    for zone_name, owner_ids in per_zone.items():
        zone = ZoneInfo(zone_name)
        first = datetime.combine(now.astimezone(zone).date(), time.min, tzinfo=zone)
        today |= Q(owner_id__in=owner_ids, created_at__gte=first, created_at__lt=first + timedelta(days=1))
    made = dict(
        FollowUp.objects.filter(today, kind=FollowUpKind.KEEP_IN_TOUCH)
        .order_by()
        .values("owner_id")
        .annotate(count=Count("*"))
        .values_list("owner_id", "count")
    )
    return {owner.pk: max(owner.keep_in_touch_per_day - made.get(owner.pk, 0), 0) for owner in owners}


def _insert_new(rows: list[FollowUp]) -> int:
    """Insert the rows whose rule_key is new; returns how many that was. Two queries.

    The unique (owner, rule_key) constraint is what makes this safe against a
    concurrent run; the read first only makes the count honest.
    """
    if not rows:
        return 0
    existing = set(
        FollowUp.objects.filter(rule_key__in={row.rule_key for row in rows}).values_list("owner_id", "rule_key")
    )
    new = [row for row in rows if (row.owner_id, row.rule_key) not in existing]
    FollowUp.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    bump_owner(*{row.owner_id for row in new})
    return len(new)
