"""The network: people, how you met them, who introduced whom, and the give/get ledger."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import connection, models
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    DurationField,
    Exists,
    Expression,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse

from netweave.ownership import OwnedModel, OwnedQuerySet


class Source(models.TextChoices):
    ALUMNI = "alumni", "Alumni group"
    ASSOCIATION = "association", "Association lunch or dinner meeting"
    CHAMBER = "chamber", "Chamber of commerce / business group"
    SOCIAL = "social", "Social group or friends"
    FAMILY = "family", "Family"
    COLLEAGUE = "colleague", "Colleague"
    LINKEDIN = "linkedin", "LinkedIn"
    COLD = "cold", "Cold outreach"
    EVENT = "event", "Conference or event"
    INTRODUCTION = "introduction", "Introduced by someone"
    OTHER = "other", "Other"


class Stage(models.TextChoices):
    WANT_TO_MEET = "want_to_meet", "Want to meet"
    ACQUAINTANCE = "acquaintance", "Acquaintance"
    IN_TOUCH = "in_touch", "In touch"
    ALLY = "ally", "Ally"


# The colours a tag can wear. The Content-Security-Policy forbids inline styles, so
# each colour is a class in netweave.css (``nw-tag-b91c1c``); other values show neutral.
TAG_COLOURS = {
    "#0f766e": "Teal",
    "#1d4ed8": "Blue",
    "#7c3aed": "Violet",
    "#be185d": "Pink",
    "#b91c1c": "Red",
    "#a16207": "Amber",
    "#15803d": "Green",
    "#4b5563": "Grey",
}


class Tag(OwnedModel):
    name = models.CharField(max_length=50)
    color = models.CharField(max_length=7, blank=True, help_text="Optional colour, like #3366cc.")

    @property
    def css_class(self) -> str:
        colour = self.color.lower()
        return f"nw-tag-{colour[1:]}" if colour in TAG_COLOURS else "nw-tag-plain"

    def get_absolute_url(self) -> str:
        return reverse("contacts:list") + f"?tag={self.pk}"

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("owner", Lower("name"), name="tag_unique_name_per_owner")]

    def __str__(self) -> str:
        return self.name


class ImportRun(OwnedModel):
    """One import of a file into a user's network, so it can be reported and undone."""

    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    format = models.CharField(max_length=20)
    encoding = models.CharField(max_length=40, blank=True)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format}, {self.created_at:%Y-%m-%d %H:%M})"


def normalise_name(*parts: str) -> str:
    """Lower-case, accent-free, single-spaced: the key for likely-duplicate matching."""
    text = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def touch_due(cadence_days: Expression | F) -> ExpressionWrapper:
    """``last_contacted_at`` plus ``cadence_days`` days, as an expression.

    The cadence is cast to a plain integer and the product marked as a duration, so
    the sum is date arithmetic on every backend (SQLite, the make-run fallback, too).
    """
    days = ExpressionWrapper(cadence_days, output_field=IntegerField())
    return ExpressionWrapper(
        F("last_contacted_at") + ExpressionWrapper(days * timedelta(days=1), output_field=DurationField()),
        output_field=DateTimeField(),
    )


class ContactQuerySet(OwnedQuerySet):
    def search(self, query: str) -> ContactQuerySet:
        """Match every word of ``query`` in name, company, title, emails or notes.

        ``search_text`` is lower-cased on write and carries a trigram index on
        Postgres, so ``contains`` is an index scan, not a sequential UPPER() scan.
        """
        queryset = self
        for word in query.lower().split():
            queryset = queryset.filter(search_text__contains=word)
        return queryset

    def with_touch_due(self, owner) -> ContactQuerySet:
        """Annotate ``touch_due_at``: last contact plus the contact's cadence.

        The cadence is the contact's own, or else the owner's default for its stage.
        Contacts never contacted have no clock yet and get NULL.
        """
        stage_defaults = [
            When(stage=stage, then=Value(owner.cadence_for_stage(stage)))
            for stage in Stage.values
            if owner.cadence_for_stage(stage)
        ]
        cadence = Coalesce(
            "cadence_days",
            Case(*stage_defaults, default=Value(None), output_field=IntegerField()),
            output_field=IntegerField(),
        )
        return self.annotate(
            effective_cadence=cadence,
            touch_due_at=touch_due(F("effective_cadence")),
        )

    def going_cold(self, owner, now: datetime) -> ContactQuerySet:
        """The owner's contacts whose keep-in-touch cadence has lapsed, most overdue first.

        The clock starts at the first logged touch or held meeting. A contact never
        contacted has no clock, so a freshly imported network of 30,000 LinkedIn
        connections is not "going cold" all at once; see ``never_contacted()``.
        """
        return self.for_owner(owner).with_touch_due(owner).filter(touch_due_at__lt=now).order_by("touch_due_at", "id")

    def never_contacted(self) -> ContactQuerySet:
        return self.filter(last_contacted_at__isnull=True)

    def in_search(self, search) -> ContactQuerySet:
        """The people in ``search`` (a meetings.Search): added to it, or met (or to be met) in its meetings.

        Annotates ``added`` (added by hand, so it can be taken out) and ``in_meetings``.
        Subqueries rather than joins, so nobody appears twice and no DISTINCT is needed.
        """
        members = self.model.searches.through.objects.filter(search_id=search.pk)
        met = search.meetings.values("contact_id")
        return self.filter(Q(pk__in=members.values("contact_id")) | Q(pk__in=met)).annotate(
            added=Exists(members.filter(contact_id=OuterRef("pk"))),
            in_meetings=Exists(met.filter(contact_id=OuterRef("pk"))),
        )

    def for_list(self) -> ContactQuerySet:
        """What the contact list shows (and sorts by), and the tags as ``tag_list``: two queries.

        Only these columns: sorting and fetching a page out of 30,000 rows moves less data.
        """
        return self.only(*LIST_COLUMNS).prefetch_related(models.Prefetch("tags", to_attr="tag_list"))

    def with_ledger_counts(self) -> ContactQuerySet:
        """Annotate ``given_count`` and ``received_count`` from the give-and-get ledger."""
        given = LedgerEntry.objects.filter(contact=OuterRef("pk"), direction=Direction.GAVE)
        received = LedgerEntry.objects.filter(contact=OuterRef("pk"), direction=Direction.RECEIVED)
        return self.annotate(given_count=_count_subquery(given), received_count=_count_subquery(received))

    def with_history_counts(self) -> ContactQuerySet:
        """Annotate how much history hangs off each contact: what a delete takes, what a merge moves."""
        from followups.models import FollowUp
        from meetings.models import Meeting

        mine = OuterRef("pk")
        return self.annotate(
            interaction_count=_count_subquery(Interaction.objects.filter(contact=mine)),
            ledger_count=_count_subquery(LedgerEntry.objects.filter(contact=mine)),
            meeting_count=_count_subquery(Meeting.objects.filter(contact=mine)),
            followup_count=_count_subquery(FollowUp.objects.filter(contact=mine)),
            introduced_count=_count_subquery(Contact.objects.filter(introduced_by=mine), "introduced_by_id"),
            link_count=_count_subquery(ContactLink.objects.filter(person=mine), "person_id")
            + _count_subquery(ContactLink.objects.filter(knows=mine), "knows_id"),
        )

    def owed(self) -> ContactQuerySet:
        """People you owe: they gave you more than you gave them, the biggest debt first."""
        in_ledger = LedgerEntry.objects.filter(direction=Direction.RECEIVED).values("contact_id")
        return (
            self.filter(pk__in=in_ledger)
            .with_ledger_counts()
            .filter(received_count__gt=F("given_count"))
            .annotate(owed_count=F("received_count") - F("given_count"))
            .order_by("-owed_count", "family_name", "given_name", "id")
        )

    def introduction_chain(self, contact: Contact) -> list[Contact]:
        """Who introduced ``contact``, and who introduced them, up to you: [Alice, Ken] for you -> Alice -> Ken.

        One recursive query; stops at a cycle or after ``MAX_CHAIN`` steps, so bad data
        can never loop forever.
        """
        if contact.introduced_by_id is None:
            return []
        sql = """
            WITH RECURSIVE chain(id, introduced_by_id, depth, path) AS (
                SELECT id, introduced_by_id, 1, ARRAY[id]
                FROM contacts_contact WHERE id = %s AND owner_id = %s
                UNION ALL
                SELECT c.id, c.introduced_by_id, chain.depth + 1, chain.path || c.id
                FROM contacts_contact c JOIN chain ON c.id = chain.introduced_by_id
                WHERE c.owner_id = %s AND NOT c.id = ANY(chain.path) AND chain.depth < %s
            )
            SELECT contacts_contact.* FROM contacts_contact JOIN chain ON chain.id = contacts_contact.id
            ORDER BY chain.depth DESC
        """
        owner = contact.owner_id
        if connection.vendor != "postgresql":
            return self._introduction_chain_step_by_step(contact)
        people = list(self.model.objects.raw(sql, [contact.introduced_by_id, owner, owner, MAX_CHAIN]))
        return people

    def _introduction_chain_step_by_step(self, contact: Contact) -> list[Contact]:
        """The same walk one query a step, for SQLite (the make-run fallback)."""
        chain: list[Contact] = []
        seen = {contact.pk}
        next_id = contact.introduced_by_id
        while next_id is not None and next_id not in seen and len(chain) < MAX_CHAIN:
            person = self.model.objects.filter(owner_id=contact.owner_id, pk=next_id).first()
            if person is None:
                break
            seen.add(person.pk)
            chain.append(person)
            next_id = person.introduced_by_id
        return chain[::-1]


MAX_CHAIN = 25
LIST_COLUMNS = (
    "owner_id",
    "given_name",
    "family_name",
    "emails",
    "company",
    "title",
    "stage",
    "last_contacted_at",
    "created_at",
)


def _count_subquery(queryset: models.QuerySet, field: str = "contact_id") -> Coalesce:
    """A correlated COUNT(*) of ``queryset`` (already filtered on OuterRef), 0 when empty."""
    counted = queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class Contact(OwnedModel):
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    preferred_name = models.CharField("Likes to be called", max_length=100, blank=True)
    emails = models.JSONField(default=list, blank=True)
    phones = models.JSONField(default=list, blank=True)
    company = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True)
    location = models.CharField(max_length=200, blank=True)
    linkedin_url = models.URLField("LinkedIn profile", max_length=300, blank=True)
    website = models.URLField(max_length=300, blank=True)

    source = models.CharField("Where you met", max_length=20, choices=Source.choices, default=Source.OTHER)
    source_detail = models.CharField(
        "Details", max_length=200, blank=True, help_text='e.g. "dog park, Sunday mornings"'
    )
    met_on = models.DateField("Met on", null=True, blank=True)
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )

    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.ACQUAINTANCE)
    cadence_days = models.PositiveIntegerField(
        "Keep in touch every (days)", null=True, blank=True, help_text="Leave blank to use the default for the stage."
    )
    sells_time = models.BooleanField(
        "Sells their time", default=False, help_text="Consultant, coach, business owner: keep requests to 15 minutes."
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="contacts")

    notes = models.TextField(blank=True)
    how_i_can_help = models.TextField("How I can help them", blank=True)
    how_they_can_help = models.TextField("How they might help me", blank=True)

    # Derived, never typed: the latest logged interaction or held meeting.
    last_contacted_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Derived on save (and by bulk writers through prepare_for_save()).
    search_text = models.TextField(editable=False, default="")
    name_key = models.CharField(max_length=300, editable=False, default="", db_index=False)

    import_run = models.ForeignKey(ImportRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()

    class Meta:
        ordering = ["family_name", "given_name", "id"]
        indexes = [
            models.Index(fields=["owner", "family_name", "given_name", "id"], name="contact_owner_name"),
            models.Index(fields=["owner", "last_contacted_at"], name="contact_owner_last_contacted"),
            models.Index(fields=["owner", "name_key"], name="contact_owner_name_key"),
            models.Index(fields=["owner", "linkedin_url"], name="contact_owner_linkedin"),
            models.Index(fields=["owner", "company"], name="contact_owner_company"),
            # The list's sort orders, so keyset pages are index range scans at any depth.
            models.Index(
                fields=["owner", "company", "family_name", "given_name", "id"], name="contact_owner_company_name"
            ),
            models.Index(fields=["owner", "created_at", "id"], name="contact_owner_created"),
            # "Recently contacted" (last_contacted_at DESC NULLS LAST, id DESC) has its index
            # in migration 0004 on Postgres only: SQLite (the make-run fallback) cannot
            # create an index with NULLS LAST.
            # The dashboard's reads: network size and "new contacts by source" from an
            # index-only scan; "going cold" for contacts with their own cadence; the
            # introduction graph's id pairs without reading 30,000 wide rows.
            models.Index(fields=["owner", "source", "created_at"], name="contact_owner_source"),
            models.Index(
                fields=["owner", "last_contacted_at"],
                include=["cadence_days", "id"],
                condition=Q(cadence_days__isnull=False),
                name="contact_own_cadence_due",
            ),
            models.Index(
                fields=["owner", "id", "introduced_by", "stage"],
                condition=Q(introduced_by__isnull=False) | Q(stage="want_to_meet"),
                name="contact_introductions",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    def get_absolute_url(self) -> str:
        return reverse("contacts:detail", args=[self.pk])

    @property
    def full_name(self) -> str:
        name = " ".join(p for p in (self.given_name, self.family_name) if p)
        return name or (self.emails[0] if self.emails else "") or self.company or f"Contact #{self.pk}"

    @property
    def call_them(self) -> str:
        return self.preferred_name or self.given_name or self.full_name

    @property
    def primary_email(self) -> str:
        return self.emails[0] if self.emails else ""

    def prepare_for_save(self) -> None:
        """Compute the derived columns; bulk writers call this before bulk_create."""
        self.emails = [e.strip().lower() for e in self.emails if e and e.strip()]
        self.name_key = normalise_name(self.given_name, self.family_name)[:300]
        self.search_text = " ".join(
            p
            for p in (
                self.given_name,
                self.family_name,
                self.preferred_name,
                self.company,
                self.title,
                self.location,
                " ".join(self.emails),
                self.notes,
            )
            if p
        ).lower()

    def save(self, *args, **kwargs) -> None:
        self.prepare_for_save()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "name_key", "emails", "updated_at"}
        super().save(*args, **kwargs)

    def effective_cadence_days(self, owner_cadence: int | None) -> int | None:
        return self.cadence_days or owner_cadence

    def touch_due_on(self, owner_cadence: int | None) -> date | None:
        cadence = self.effective_cadence_days(owner_cadence)
        if not cadence or self.last_contacted_at is None:
            return None
        return (self.last_contacted_at + timedelta(days=cadence)).date()


class ContactLink(OwnedModel):
    """``person`` knows ``knows``: the second-degree paths through your network."""

    person = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links_out")
    knows = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="links_in")
    note = models.CharField(max_length=200, blank=True, help_text='e.g. "former manager at Acme"')
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "knows"], name="contactlink_unique_pair"),
            models.CheckConstraint(condition=~models.Q(person=models.F("knows")), name="contactlink_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.person} knows {self.knows}"


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    CALL = "call", "Phone call"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Message"
    COMMENT = "comment", "Comment on their post"
    IN_PERSON = "in_person", "Met in person"
    EVENT = "event", "Met at an event"
    LETTER = "letter", "Letter or card"
    OTHER = "other", "Other"


class InteractionQuerySet(OwnedQuerySet):
    pass


class Interaction(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    occurred_at = models.DateTimeField()
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InteractionQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["contact", "occurred_at"], name="interaction_contact_when")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} with {self.contact} on {self.occurred_at:%Y-%m-%d}"


class Direction(models.TextChoices):
    GAVE = "gave", "I gave"
    RECEIVED = "received", "I received"


class LedgerKind(models.TextChoices):
    INTRODUCTION = "introduction", "An introduction"
    ADVICE = "advice", "Advice"
    RESOURCE = "resource", "A resource or article"
    RECOMMENDATION = "recommendation", "A recommendation"
    JOB_LEAD = "job_lead", "A job lead"
    FEEDBACK = "feedback", "Feedback"
    FAVOUR = "favour", "A favour"
    OTHER = "other", "Something else"


class LedgerEntryQuerySet(OwnedQuerySet):
    def balance(self) -> Balance:
        """How many things were given and received, in one query."""
        counts = self.aggregate(
            given=Count("pk", filter=models.Q(direction=Direction.GAVE)),
            received=Count("pk", filter=models.Q(direction=Direction.RECEIVED)),
        )
        return Balance(given=counts["given"], received=counts["received"])


@dataclass(frozen=True)
class Balance:
    given: int
    received: int

    @property
    def owed(self) -> int:
        """How many more you received than gave: what you owe them (never negative)."""
        return max(0, self.received - self.given)

    @property
    def is_even(self) -> bool:
        return self.given == self.received


class LedgerEntry(OwnedModel):
    """What was given or received: the give-and-get ledger, one row per exchange."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="ledger_entries")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=LedgerKind.choices, default=LedgerKind.ADVICE)
    description = models.CharField(max_length=300, blank=True)
    occurred_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(fields=["contact", "occurred_on"], name="ledger_contact_when"),
            # The dashboard's give/get balance over the last twelve weeks, index-only.
            models.Index(fields=["owner", "occurred_on"], include=["direction"], name="ledger_owner_when"),
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} {self.get_kind_display().lower()} ({self.contact})"
