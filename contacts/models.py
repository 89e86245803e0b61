"""The network: people, how you met them, who introduced whom, and the give/get ledger.

Their reads (the QuerySets) live in ``querysets.py``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from contacts.querysets import ContactQuerySet, LedgerEntryQuerySet
from netweave.ownership import OwnedModel
from netweave.wording import mid_sentence


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


# The GIN index on (owner_id, search_text) that ``ContactQuerySet.search()`` reads (Postgres
# only; migration 0011_search_index_scoped_by_owner).
SEARCH_INDEX = "contact_owner_search_trgm"

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
    # Who uploaded the file: the owner, or a staff member importing into their network.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Not stored: on the run that imports' run_import() returns, its rows' errors (imports'
    # RowError) and what a row is called ("row", "card"), for the caller that reports them.
    row_errors: list[Any]
    row_warnings: list[Any]
    unit: str

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.format}, {self.created_at:%Y-%m-%d %H:%M})"


# Every byte but ASCII a-z and 0-9 to a space: an ASCII name is encoded and translated by this
# table in C, instead of going through a regex (or str.translate, which looks up each character).
_ASCII_SEPARATORS = bytes(c if (48 <= c <= 57 or 97 <= c <= 122) else 32 for c in range(256))


def normalise_name(*parts: str) -> str:
    """Lower-case, accent-free, single-spaced: the key for likely-duplicate matching."""
    text = " ".join(filter(None, parts))
    if text.isascii():  # most names (imports call this per row): no accents, and no regex needed
        return " ".join(text.lower().encode().translate(_ASCII_SEPARATORS).decode().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def normalise_emails(emails: list[str]) -> list[str]:
    """Trimmed, lower-cased, blanks dropped: how a contact's emails are stored."""
    return [e.strip().lower() for e in emails if e and e.strip()]


def search_text_of(
    given_name: str,
    family_name: str,
    preferred_name: str,
    company: str,
    title: str,
    location: str,
    emails: list[str],
    notes: str,
) -> str:
    """The derived ``search_text``: the words ``?q=`` matches, lower-cased (``emails`` already normalised)."""
    parts = (given_name, family_name, preferred_name, company, title, location, " ".join(emails), notes)
    return " ".join(filter(None, parts)).lower()


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
        "Keep in touch every (days)",
        null=True,
        blank=True,
        # 0 would make them due again the moment they are touched: always going cold.
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
        help_text="Leave blank to use the default for the stage.",
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

    objects = ContactQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type
    # Only on rows from ContactQuerySet.for_list(): the ids of the row's tags (Postgres), and
    # the tags themselves once attach_tags() has looked them up (prefetched on SQLite).
    tag_ids: list[int]
    tag_list: list[Tag]
    # Only on rows from ContactQuerySet.with_touch_due(), which annotates them.
    effective_cadence: int | None
    touch_due_at: datetime | None

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
        self.emails = normalise_emails(self.emails)
        self.name_key = normalise_name(self.given_name, self.family_name)[:300]
        self.search_text = search_text_of(
            self.given_name,
            self.family_name,
            self.preferred_name,
            self.company,
            self.title,
            self.location,
            self.emails,
            self.notes,
        )

    def save(self, *args, **kwargs) -> None:
        self.prepare_for_save()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text", "name_key", "emails", "updated_at"}
        super().save(*args, **kwargs)


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


# A conversation both ways (not an email or a message sent): it moves a contact to In touch.
TWO_WAY_CHANNELS = (Channel.CALL, Channel.VIDEO, Channel.IN_PERSON, Channel.EVENT)
# The stages a two-way conversation moves on; In touch and Ally are never moved back.
ADVANCES_TO_IN_TOUCH = (Stage.WANT_TO_MEET, Stage.ACQUAINTANCE)


class Interaction(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="interactions")
    occurred_at = models.DateTimeField()
    channel = models.CharField(max_length=20, choices=Channel.choices, default=Channel.EMAIL)
    note = models.TextField(blank=True)
    # The stage this touch moved the contact on from (to In touch), for the timeline; blank if none.
    stage_before = models.CharField(max_length=20, choices=Stage.choices, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

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


class LedgerEntry(OwnedModel):
    """What was given or received: the give-and-get ledger, one row per exchange."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="ledger_entries")
    direction = models.CharField(max_length=10, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=LedgerKind.choices, default=LedgerKind.ADVICE)
    description = models.CharField(max_length=300, blank=True)
    occurred_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LedgerEntryQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["-occurred_on", "-id"]
        verbose_name_plural = "ledger entries"
        indexes = [
            models.Index(fields=["contact", "occurred_on"], name="ledger_contact_when"),
            # The dashboard's give/get balance over the last twelve weeks, index-only.
            models.Index(fields=["owner", "occurred_on"], include=["direction"], name="ledger_owner_when"),
        ]

    def __str__(self) -> str:
        return f"{self.summary} ({self.contact})"

    @property
    def summary(self) -> str:
        """'I received advice', 'I gave an introduction': the exchange as a sentence."""
        return f"{self.get_direction_display()} {mid_sentence(self.get_kind_display())}"


class NotDuplicate(OwnedModel):
    """The user said these two records are different people: never suggest merging them again.

    The pair is stored in canonical order (``first`` has the smaller id), so (A, B) and
    (B, A) are one row under the unique constraint.
    """

    # Bookkeeping about two records, not history of either: ``contact_pointers()`` skips
    # it, so it is not counted, moved or kept like a touch (a merge re-points it itself).
    is_contact_history = False

    first = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="notduplicate_unique_pair"),
            models.CheckConstraint(condition=Q(first__lt=models.F("second")), name="notduplicate_canonical_order"),
        ]

    def __str__(self) -> str:
        return f"{self.first} is not {self.second}"
