"""Demo follow-ups, each one something the product would have created for a real user, written in bulk.

Every row has the cause a real one has: a thank-you (and, when someone introduced
them, a thank-the-referrer) after each held meeting; a reply nudge for a request that
waited past the user's nudge delay in the last few weeks; outcome reports for a search
that ended; keep-in-touch for contacted people whose cadence lapsed, no more a day than
the user's daily budget, as if the hourly job had run on the last few days.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, datetime, timedelta

from accounts.models import User
from contacts.demo import restart_clocks
from contacts.models import Channel, Contact, Interaction, Stage
from meetings.models import Meeting, MeetingState, Search

from . import rule_keys
from .drafts import DraftBook
from .models import DraftKind, FollowUp, FollowUpKind, FollowUpState
from .services import describe_when, helpers_of, local_now, outcome_names, outcome_report_context

BATCH = 5000
TITLES = {
    FollowUpKind.THANK_YOU: "Send {name} a thank-you note",
    FollowUpKind.THANK_REFERRER: "Thank {name} for the introduction",
    FollowUpKind.PROMISE: "Send {name} my resume, as promised",
    FollowUpKind.OUTCOME_REPORT: "Tell {name} how the search ended",
    FollowUpKind.REPLY_NUDGE: "Nudge {name} about your meeting request",
    FollowUpKind.KEEP_IN_TOUCH: "Keep in touch with {name}",
}
PROMISE = "I will send you my resume and the article on informational interviews."
# What became of a follow-up whose day has passed, in turn for each kind, so even a small demo
# shows every state. A user of the method closes loops: what came due in the last three weeks
# may still be owed (or snoozed); what came due before that was done, or let go.
RECENT_STATES = ("overdue", "done", "skipped", "done", "snoozed")
OLDER_STATES = ("done", "skipped", "done")
STILL_OWED_FOR = timedelta(days=21)
# The days the keep-in-touch job "ran" before the demo was seeded: yesterday and today.
KEEP_IN_TOUCH_DAYS = 2
# Allies first, then in touch, acquaintances: the job's order (followups.rules).
STAGE_PRIORITY = {stage: rank for rank, stage in enumerate(reversed(Stage.values))}


def seed_followups(
    user: User, contacts: list[Contact], meetings: list[Meeting], *, count: int, now: datetime, rng: random.Random
) -> list[FollowUp]:
    """The follow-ups ``user``'s history calls for; ``count`` caps the meetings followed up.

    Four queries, and three for each ended search (who helped in it, as closing it finds them).
    """
    if not contacts:
        return []
    today = local_now(user, now).date()
    book = DraftBook([])  # the built-in wording: demo users keep the defaults
    by_id = {c.pk: c for c in contacts}
    held = [m for m in meetings if m.state == MeetingState.HELD and m.held_at and m.held_at < now][:count]
    # 1 query: the searches (an ended one may have no meetings of this demo's).
    searches = list(Search.objects.for_owner(user).select_related("owner").order_by("pk"))
    seeder = _Seeder(user=user, book=book, now=now, today=today, rng=rng)
    for meeting in held:
        introducer = by_id.get(meeting.contact.introduced_by_id) if meeting.contact.introduced_by_id else None
        seeder.after_meeting(meeting, introducer=introducer)
    for meeting in meetings:
        if meeting.state == MeetingState.REQUESTED and meeting.requested_at:
            seeder.reply_nudge(meeting)
    for search in searches:
        if search.ended_on:
            seeder.outcome_reports(search)
    seeder.keep_in_touch(contacts)
    # 1 query: the rows; then the touches that closed the done keep-in-touch loops and their clocks.
    FollowUp.objects.bulk_create(seeder.rows, batch_size=BATCH)
    _backdate_keep_in_touch(seeder.made_on, now=now, today=today)
    touches = Interaction.objects.bulk_create(seeder.touches, batch_size=BATCH)
    restart_clocks(touches)
    return seeder.rows


class _Seeder:
    def __init__(self, *, user: User, book: DraftBook, now: datetime, today: date, rng: random.Random) -> None:
        self.user, self.book, self.now, self.today, self.rng = user, book, now, today, rng
        self.rows: list[FollowUp] = []
        self.touches: list[Interaction] = []
        self.made_on: list[tuple[FollowUp, date]] = []
        self.turns: Counter[tuple[FollowUpKind, bool]] = Counter()  # past follow-ups so far, per kind and age

    def add(
        self,
        kind: FollowUpKind,
        *,
        contact: Contact,
        due_on: date,
        rule_key: str,
        draft_kind: DraftKind,
        context: dict[str, str],
        meeting: Meeting | None = None,
        search: Search | None = None,
        state: str | None = None,
    ) -> FollowUp:
        """One follow-up; its state follows its due date unless given."""
        if state is None:
            if due_on >= self.today:
                state = "open"
            else:
                recent = due_on >= self.today - STILL_OWED_FOR
                states = RECENT_STATES if recent else OLDER_STATES
                state = states[self.turns[kind, recent] % len(states)]
                self.turns[kind, recent] += 1
        draft = self.book.render(
            self.user, draft_kind, {"first_name": contact.call_them, "full_name": contact.full_name, **context}
        )
        done_at = None
        if state == "done":
            # Done a day or two after it came due, never in the future.
            done_at = min(
                self.now - timedelta(hours=1),
                datetime.combine(due_on, datetime.min.time(), tzinfo=self.now.tzinfo)
                + timedelta(days=self.rng.randrange(0, 3), hours=self.rng.randrange(9, 18)),
            )
        row = FollowUp(
            owner=self.user,
            contact=contact,
            meeting=meeting,
            search=search,
            kind=kind,
            title=TITLES[kind].format(name=contact.full_name),
            due_on=due_on,
            state={
                "done": FollowUpState.DONE,
                "skipped": FollowUpState.SKIPPED,
                "proposed": FollowUpState.PROPOSED,
            }.get(state, FollowUpState.OPEN),
            snoozed_until=self.today + timedelta(days=self.rng.randrange(2, 6)) if state == "snoozed" else None,
            done_at=done_at,
            **draft.followup_fields(),
            rule_key=rule_key,
        )
        self.rows.append(row)
        return row

    def after_meeting(self, meeting: Meeting, *, introducer: Contact | None) -> None:
        """A held meeting's thank-you, sometimes a promise, and the referrer's thanks if someone introduced them."""
        contact = meeting.contact
        held_on = local_now(self.user, meeting.held_at).date()
        when = describe_when(self.user, meeting.held_at)
        self.add(
            FollowUpKind.THANK_YOU,
            contact=contact,
            meeting=meeting,
            search=meeting.search,
            due_on=held_on + timedelta(days=self.user.thank_you_delay_days),
            rule_key=rule_keys.thank_you(meeting.pk),
            draft_kind=DraftKind.THANK_YOU,
            context={"meeting_when": when},
        )
        if self.rng.random() < 0.4:
            self.add(
                FollowUpKind.PROMISE,
                contact=contact,
                meeting=meeting,
                search=meeting.search,
                due_on=held_on + timedelta(days=self.rng.randrange(2, 8)),
                rule_key=rule_keys.promise(meeting.pk, PROMISE),
                draft_kind=DraftKind.PROMISE,
                context={"meeting_when": when, "promise": PROMISE},
            )
        if introducer is not None:
            self.add(
                FollowUpKind.THANK_REFERRER,
                contact=introducer,
                meeting=meeting,
                search=meeting.search,
                due_on=held_on + timedelta(days=self.user.thank_you_delay_days),
                rule_key=rule_keys.thank_referrer(DraftKind.THANK_REFERRER_HELD, meeting.pk),
                draft_kind=DraftKind.THANK_REFERRER_HELD,
                context={"referred_name": contact.full_name, "meeting_when": when},
            )

    def reply_nudge(self, meeting: Meeting) -> None:
        """A nudge for a request past the nudge delay, due the day the job found it."""
        if meeting.requested_at is None:
            return  # never asked: nothing to nudge
        nudge_at = meeting.requested_at + timedelta(days=self.user.reply_nudge_after_days)
        if nudge_at > self.now:
            return
        self.add(
            FollowUpKind.REPLY_NUDGE,
            contact=meeting.contact,
            meeting=meeting,
            search=meeting.search,
            due_on=local_now(self.user, nudge_at).date(),
            rule_key=rule_keys.reply_nudge(meeting.pk),
            draft_kind=DraftKind.REPLY_NUDGE,
            context={"meeting_when": describe_when(self.user, meeting.requested_at)},
        )

    def outcome_reports(self, search: Search) -> None:
        """Reports on an ended search to everyone who helped, as closing it proposes them
        (``services.helpers_of``: the people met, who introduced them, who gave something
        while it ran, with the same thanks). One of each state the list shows (still to
        send, sent, skipped); the rest wait for review, so the dashboard is not a wall of
        overdue reports."""
        if search.ended_on is None:
            return  # an open search has no outcome to report yet
        states = ("open", "done", "skipped")
        outcome = "I accepted a role I am excited about."
        names = outcome_names(search, outcome=outcome)
        for index, (contact, reasons) in enumerate(helpers_of(search).items()):
            self.add(
                FollowUpKind.OUTCOME_REPORT,
                contact=contact,
                search=search,
                due_on=search.ended_on,
                rule_key=rule_keys.outcome_report(search.pk, contact.pk),
                draft_kind=DraftKind.OUTCOME_REPORT,
                context=outcome_report_context(search, reasons, outcome=outcome, names=names),
                state=states[index] if index < len(states) else "proposed",
            )

    def keep_in_touch(self, contacts: list[Contact]) -> None:
        """What the hourly job made on each of the last few days: lapsed, contacted people, within the budget.

        Of the first day's, one was done (a touch logged, the clock restarted), one skipped, one snoozed.
        """
        budget = self.user.keep_in_touch_per_day  # the job creates at most this many a day
        lapsed = []
        for contact in contacts:
            cadence = contact.cadence_days or self.user.cadence_for_stage(contact.stage)
            if contact.last_contacted_at is None or not cadence:
                continue  # never contacted: no clock, nothing lapses
            due_at = contact.last_contacted_at + timedelta(days=cadence)
            if due_at < self.now:
                lapsed.append((contact, due_at))
        lapsed.sort(key=lambda pair: (STAGE_PRIORITY.get(pair[0].stage, 9), pair[1], pair[0].pk))
        for back in range(KEEP_IN_TOUCH_DAYS - 1, -1, -1):
            day = self.today - timedelta(days=back)
            ready = [(c, due) for c, due in lapsed if local_now(self.user, due).date() <= day][:budget]
            lapsed = [pair for pair in lapsed if pair not in ready]
            for position, (contact, due_at) in enumerate(ready):
                first_day = ("done", "skipped", "snoozed")
                state = first_day[position] if back == KEEP_IN_TOUCH_DAYS - 1 and position < len(first_day) else "open"
                row = self.add(
                    FollowUpKind.KEEP_IN_TOUCH,
                    contact=contact,
                    due_on=max(local_now(self.user, due_at).date(), day),
                    rule_key=rule_keys.keep_in_touch(contact.pk, local_now(self.user, due_at).date()),
                    draft_kind=DraftKind.KEEP_IN_TOUCH,
                    context={},
                    state=state,
                )
                self.made_on.append((row, day))  # the day the job "ran": see _backdate_keep_in_touch()
                if state == "done":
                    # Keeping in touch is a touch: log it, as marking it done after writing would.
                    self.touches.append(
                        Interaction(
                            owner=self.user,
                            contact=contact,
                            occurred_at=row.done_at or self.now,
                            channel=Channel.EMAIL,
                            note="Kept in touch.",
                        )
                    )


def _backdate_keep_in_touch(made_on: list[tuple[FollowUp, date]], *, now: datetime, today: date) -> None:
    """Give each keep-in-touch row the creation day of the job run that made it (one UPDATE a day).

    The daily budget counts rows created on the user's local day, so rows "made" on
    earlier days must not count against today's.
    """
    by_day: dict[int, list[int]] = {}
    for row, day in made_on:
        by_day.setdefault((today - day).days, []).append(row.pk)
    for days_ago, ids in by_day.items():
        if days_ago:
            FollowUp.objects.filter(pk__in=ids).update(created_at=now - timedelta(days=days_ago))
