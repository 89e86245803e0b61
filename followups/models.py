"""Follow-ups: what the user owes someone, and the loops netweave closes."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, models
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from meetings.models import Meeting, Search
from netweave.ownership import OwnedModel, OwnedQuerySet
from netweave.placeholders import fill, mailto_link

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class FollowUpKind(models.TextChoices):
    THANK_YOU = "thank_you", "Thank-you note"
    THANK_REFERRER = "thank_referrer", "Thank the referrer"
    PROMISE = "promise", "Promise"
    OUTCOME_REPORT = "outcome_report", "Outcome report"
    REPLY_NUDGE = "reply_nudge", "Reply nudge"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"


KIND_ICONS: dict[str, str] = {
    FollowUpKind.THANK_YOU: "bi-envelope-heart",
    FollowUpKind.THANK_REFERRER: "bi-people",
    FollowUpKind.PROMISE: "bi-hand-thumbs-up",
    FollowUpKind.OUTCOME_REPORT: "bi-megaphone",
    FollowUpKind.REPLY_NUDGE: "bi-reply",
    FollowUpKind.KEEP_IN_TOUCH: "bi-arrow-repeat",
}


class FollowUpState(models.TextChoices):
    PROPOSED = "proposed", "Waiting for review"  # outcome reports, before the user accepts them
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


CLOSED_STATES = [FollowUpState.DONE, FollowUpState.SKIPPED]
# Close every loop: the note to the person met, and the one to whoever introduced you.
THANK_YOU_KINDS = [FollowUpKind.THANK_YOU, FollowUpKind.THANK_REFERRER]


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


# The conditions behind the list's sections.
def _actionable(today: date) -> models.Q:
    """Open, not snoozed past today."""
    return models.Q(state=FollowUpState.OPEN) & (
        models.Q(snoozed_until__isnull=True) | models.Q(snoozed_until__lte=today)
    )


def _overdue(today: date) -> models.Q:
    return _actionable(today) & models.Q(due_on__lt=today)


def _due_today(today: date) -> models.Q:
    return _actionable(today) & models.Q(due_on=today)


def _upcoming(today: date) -> models.Q:
    """Open and not yet actionable: due later, or snoozed past today."""
    return models.Q(state=FollowUpState.OPEN) & (models.Q(due_on__gt=today) | models.Q(snoozed_until__gt=today))


# What ``followup_rows`` prints; ``Contact.full_name`` falls back to the emails and company.
LIST_COLUMNS = (
    "owner_id",
    "contact_id",
    "kind",
    "title",
    "due_on",
    "state",
    "snoozed_until",
    "done_at",
    "contact__owner_id",
    "contact__given_name",
    "contact__family_name",
    "contact__emails",
    "contact__company",
)


class FollowUpQuerySet(OwnedQuerySet):
    def open(self) -> FollowUpQuerySet:
        return self.filter(state=FollowUpState.OPEN)

    def actionable(self, today: date) -> FollowUpQuerySet:
        """Open, not snoozed past today."""
        return self.filter(_actionable(today))

    def due_by(self, today: date) -> FollowUpQuerySet:
        return self.actionable(today).filter(due_on__lte=today)

    def overdue(self, today: date) -> FollowUpQuerySet:
        return self.filter(_overdue(today))

    def due_today(self, today: date) -> FollowUpQuerySet:
        return self.filter(_due_today(today))

    def upcoming(self, today: date) -> FollowUpQuerySet:
        """Open and not yet actionable: due later, or snoozed past today."""
        return self.filter(_upcoming(today))

    def closed(self) -> FollowUpQuerySet:
        return self.filter(state__in=CLOSED_STATES)

    def recently_closed(self) -> FollowUpQuerySet:
        """Done and skipped, latest first (served by the followup_owner_closed index)."""
        return self.closed().order_by(models.F("done_at").desc(nulls_last=True), "-id")

    def section_counts(self, today: date, *, closed_up_to: int | None = None, one_pass: bool = False) -> dict[str, int]:
        """How many follow-ups each section of the list holds, in one query.

        One COUNT per section, glued with UNION ALL, so each walks its own index range
        (one aggregate with a FILTER per section tests every condition on every row,
        2.5 times slower at 10,000 follow-ups). The open ones are either overdue, due
        today or upcoming, so upcoming is what is left of them.

        With ``closed_up_to``, done and skipped are counted only up to one more than
        that: they pile up for as long as the user keeps the app, and the overview shows
        "1000+" rather than walk years of them on every visit.

        ``one_pass`` is for a search (``search()``): its text match is tested on every row
        of every section's range anyway, so one aggregate tests each row once, and runs the
        person match once rather than per section (at 11,000 follow-ups, 27 against 35 ms
        for "smith", 37 against 70 ms for "acme").
        """
        if one_pass:
            counted = self.aggregate(
                overdue=models.Count("pk", filter=_overdue(today)),
                today=models.Count("pk", filter=_due_today(today)),
                open=models.Count("pk", filter=models.Q(state=FollowUpState.OPEN)),
                done=models.Count("pk", filter=models.Q(state__in=CLOSED_STATES)),
            )
            return {
                "overdue": counted["overdue"],
                "today": counted["today"],
                "upcoming": counted["open"] - counted["overdue"] - counted["today"],
                "done": counted["done"] if closed_up_to is None else min(counted["done"], closed_up_to + 1),
            }
        parts = []
        params: list = []
        for key, queryset, limit in (
            ("overdue", self.overdue(today), None),
            ("today", self.due_today(today), None),
            ("open", self.open(), None),
            ("done", self.closed(), None if closed_up_to is None else closed_up_to + 1),
        ):
            rows = queryset.order_by().values("pk")
            # The section's rows as a subquery, LIMITed where capped; Postgres flattens
            # the uncapped ones into the plain COUNT over the index range.
            sql, part_params = (rows if limit is None else rows[:limit]).query.sql_with_params()
            parts.append(f"SELECT %s, COUNT(*) FROM ({sql}) AS section_rows")  # noqa: S608 - compiled by the ORM
            params += [key, *part_params]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            counts = dict(cursor.fetchall())
        return {
            "overdue": counts["overdue"],
            "today": counts["today"],
            "upcoming": counts["open"] - counts["overdue"] - counts["today"],
            "done": counts["done"],
        }

    def outcome_reports_waiting(self) -> FollowUpQuerySet:
        """Outcome reports proposed when a search ended, waiting for the user's review."""
        return self.filter(state=FollowUpState.PROPOSED, kind=FollowUpKind.OUTCOME_REPORT, search__isnull=False)

    def per_search(self) -> models.QuerySet:
        """One row per (owner, search): ``owner_id``, ``search_id``, ``search__title`` and ``people``."""
        return (
            self.values("owner_id", "search_id", "search__title")
            .annotate(people=models.Count("*"))  # not "id": the count stays in the index
            .order_by("owner_id", "search__title", "search_id")
        )

    def thank_yous(self) -> FollowUpQuerySet:
        """Closing the loop after a meeting: the thank-you note, and thanking the referrer."""
        return self.filter(kind__in=THANK_YOU_KINDS)

    def thank_yous_sent(self, windows: Mapping[User, tuple[date, date]]) -> FollowUpQuerySet:
        """Thank-yous marked done in each owner's window, annotated ``on_time``: done by the due date.

        ``windows`` maps each owner to local days ``(first, end)``, ``end`` excluded. Days are
        the owner's own (``User.time_zone``), whoever asks and wherever the server is, so the
        dashboard and the weekly digest count the same notes the same way. One query for any
        number of owners: owners sharing a time zone and window share one condition.
        """
        groups: dict[tuple[str, date, date], list[int]] = defaultdict(list)
        for owner, (first, end) in windows.items():
            groups[(owner.time_zone, first, end)].append(owner.pk)
        in_window = models.Q(pk__in=[])
        done_on = []
        for (zone_name, first, end), owner_ids in groups.items():
            zone = ZoneInfo(zone_name)
            in_window |= models.Q(
                owner_id__in=owner_ids, done_at__gte=_midnight(first, zone), done_at__lt=_midnight(end, zone)
            )
            done_on.append(models.When(owner_id__in=owner_ids, then=TruncDate("done_at", tzinfo=zone)))
        return (
            self.thank_yous()
            .filter(in_window, state=FollowUpState.DONE)
            .annotate(
                done_on=models.Case(*done_on, output_field=models.DateField()),
                on_time=models.Case(
                    models.When(done_on__lte=models.F("due_on"), then=models.Value(True)),
                    default=models.Value(False),
                    output_field=models.BooleanField(),
                ),
            )
        )

    def on_time_tally(self, *by: str) -> models.QuerySet:
        """After ``thank_yous_sent()``: ``sent`` and ``sent_on_time`` per ``by`` (``"owner_id"`` for a batch)."""
        return (
            self.order_by()
            .values(*by)
            # COUNT(due_on), never null, rather than COUNT(id): the followup_owner_thank_yous
            # index covers due_on, so the count stays an index-only scan.
            .annotate(sent=models.Count("*"), sent_on_time=models.Count("due_on", filter=models.Q(on_time=True)))
        )

    def search(self, query: str, owner: AbstractBaseUser | AnonymousUser) -> FollowUpQuerySet:
        """Every word of ``query`` in the title, the draft message, or the person.

        The person matches through ``owner``'s own contact search (``ContactQuerySet.search``:
        name, company, title, emails, notes), the same search the contact list runs. Its
        index answers for one network; a join on the contact's ``search_text`` read every
        network's matches (110 ms of SQL for the follow-ups page of a 30,000-contact user).
        """
        queryset = self
        for word in query.lower().split():
            people = Contact.objects.for_owner(owner).search(word).values("pk")
            queryset = queryset.filter(
                models.Q(title__icontains=word) | models.Q(message__icontains=word) | models.Q(contact__in=people)
            )
        return queryset

    def for_page(self) -> FollowUpQuerySet:
        return self.select_related("contact", "meeting", "search")

    def for_list(self) -> FollowUpQuerySet:
        """What a row of the list shows: the follow-up and its contact's name, and nothing more.

        Not the drafts nor the contact's notes: the rows are read and built per section,
        and each column more is decoded and copied for every row.
        """
        return self.select_related("contact").only(*LIST_COLUMNS)


class FollowUp(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="followups")
    meeting = models.ForeignKey(Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="followups")
    search = models.ForeignKey(Search, null=True, blank=True, on_delete=models.CASCADE, related_name="followups")
    kind = models.CharField(max_length=20, choices=FollowUpKind.choices)
    title = models.CharField(max_length=200)
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=FollowUpState.choices, default=FollowUpState.OPEN)
    snoozed_until = models.DateField(null=True, blank=True)
    done_at = models.DateTimeField(null=True, blank=True)
    subject = models.CharField("Draft subject", max_length=200, blank=True)
    message = models.TextField("Draft message", blank=True)
    # The draft as netweave wrote it, with {my_name} left to fill, and the name it was
    # signed with (display name, full name or username: up to 150 + 1 + 150). While subject
    # and message still read exactly so, nobody edited them, and they are shown signed with
    # the user's name as it is now (sign_with). Blank for drafts without a signature.
    signed_as = models.CharField(max_length=301, blank=True, editable=False)
    unsigned_subject = models.CharField(max_length=200, blank=True, editable=False)
    unsigned_message = models.TextField(blank=True, editable=False)
    # Set by the rules that create follow-ups ("thank_you:meeting:42"), so that
    # re-running a rule finds the row it made instead of making a second one.
    rule_key = models.CharField(max_length=120, null=True, blank=True, editable=False)
    # Not auto_now_add: the keep-in-touch rule stamps the moment it runs for (``--now``),
    # and counts each owner's new ones per local day by it (the daily budget).
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Why it closed when something else closed it: "Closed by the call on 1 Dec".
    closed_note = models.CharField(max_length=200, blank=True, editable=False)
    # Bumped by every change; links in reminder emails carry the version they were sent
    # for, so a link from before the item was reopened, rescheduled or done elsewhere
    # only says it no longer applies.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = FollowUpQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "rule_key"], name="followup_unique_rule_key_per_owner"),
        ]
        indexes = [
            # The dashboard's "thank-yous sent on time": the ones done in the window and
            # the ones still owed, without reading every follow-up.
            models.Index(
                fields=["owner", "state", "done_at"],
                include=["due_on"],
                condition=models.Q(kind__in=THANK_YOU_KINDS),
                name="followup_owner_thank_yous",
            ),
            # Ordered like the due lists (due_on, id), and covering the overdue count
            # (snoozed_until) so that it never reads the table.
            models.Index(
                fields=["owner", "state", "due_on", "id"], include=["snoozed_until"], name="followup_owner_state_due_id"
            ),
            models.Index(fields=["contact", "due_on"], name="followup_contact_due"),
            # Outcome reports waiting for review, per search (the list, the dashboard, the
            # digest): an index-only walk of just those rows (0.3 ms for 500), where the
            # (owner, state) range made Postgres read them from the table (1 ms).
            models.Index(
                fields=["owner", "search", "id"],
                condition=models.Q(
                    state=FollowUpState.PROPOSED, kind=FollowUpKind.OUTCOME_REPORT, search__isnull=False
                ),
                name="followup_outcome_waiting",
            ),
            # The list's "done and skipped" section (latest closed first, without a sort) has
            # its index, followup_owner_closed, in migration 0003 on Postgres only: SQLite
            # (the make-run fallback) cannot create an index with NULLS LAST.
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("followups:detail", args=[self.pk])

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    @property
    def kind_icon(self) -> str:
        return KIND_ICONS.get(self.kind, "bi-check2-square")

    def sign_with(self, name: str) -> None:
        """Show a draft netweave wrote, and nobody edited since, signed with ``name`` (the user's name now).

        In memory only: the pages, the dashboard and the API call it before showing the draft,
        and saving the draft's form stores what was shown. A draft edited by hand (subject or
        message) never changes, nor one already done or skipped: it went out with the old name.
        """
        if not self.signed_as or self.signed_as == name or self.state in CLOSED_STATES:
            return
        if self._signed_draft(self.signed_as) != (_as_typed(self.subject), _as_typed(self.message)):
            return  # edited by hand
        self.subject, self.message = self._signed_draft(name)
        self.signed_as = name

    def kept_old_name(self, name: str) -> str:
        """The name an open draft still signs with though the user is ``name`` now: they edited it,
        so ``sign_with`` leaves it alone, and the page says so. "" when there is nothing to say."""
        old = self.signed_as
        if not old or old == name or self.state in CLOSED_STATES or old not in self.message:
            return ""
        return old

    def _signed_draft(self, name: str) -> tuple[str, str]:
        signature = {"my_name": name}
        subject = fill(self.unsigned_subject, signature)[:200]
        return _as_typed(subject), _as_typed(fill(self.unsigned_message, signature))

    def mailto_url(self) -> str:
        """A mailto: link that opens the draft in the user's own mail client (RFC 6068 encoding)."""
        return mailto_link(self.contact.primary_email, subject=self.subject, body=self.message)


def _as_typed(text: str) -> str:
    """A draft as compared for edits: a browser sends a textarea back with CRLF, and forms strip it."""
    return text.replace("\r\n", "\n").strip()


class DraftKind(models.TextChoices):
    """One drafted message per situation; thanking a referrer differs before and after the meeting."""

    THANK_YOU = "thank_you", "Thank-you note after a meeting"
    THANK_REFERRER_SCHEDULED = "thank_referrer_scheduled", "Thank the referrer: meeting set up"
    THANK_REFERRER_HELD = "thank_referrer_held", "Thank the referrer: we met"
    PROMISE = "promise", "A promise made in a meeting"
    OUTCOME_REPORT = "outcome_report", "Outcome report at the end of a search"
    REPLY_NUDGE = "reply_nudge", "Nudge about an unanswered request"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"


class DraftTemplate(OwnedModel):
    """A user's own wording for one kind of draft; without one, the built-in default applies."""

    kind = models.CharField(max_length=30, choices=DraftKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["owner", "kind"], name="drafttemplate_unique_kind_per_owner")]

    def __str__(self) -> str:
        return self.get_kind_display()


class ReminderKind(models.TextChoices):
    DAILY = "daily", "Daily reminder"
    WEEKLY = "weekly", "Weekly digest"


class ReminderStatus(models.TextChoices):
    SENDING = "sending", "Claimed, sending"
    SENT = "sent", "Sent"
    SKIPPED = "skipped", "Nothing to send"
    FAILED = "failed", "Failed, will retry"


class ReminderEmail(models.Model):
    """One reminder email per (user, kind, period): the row that makes sending exactly-once.

    ``period`` is the user's local date for the daily reminder and the local Monday
    of the week for the digest. A run inserts the row (claim), sends, then marks it.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_emails")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    period = models.DateField()
    status = models.CharField(max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.SENDING)
    # Which run holds the claim; a run only sends rows carrying its own token.
    claim_token = models.CharField(max_length=32, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period", "user_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "period"], name="reminderemail_once_per_period"),
        ]
        indexes = [models.Index(fields=["status", "kind", "period"], name="reminderemail_status_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user} ({self.period})"
