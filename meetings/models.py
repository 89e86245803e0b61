"""Searches and the informational interviews held for them."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone

from contacts.models import Channel, Contact
from netweave.ownership import OwnedModel, OwnedQuerySet


class SearchQuerySet(OwnedQuerySet):
    def open(self) -> SearchQuerySet:
        return self.filter(ended_on__isnull=True)

    def with_membership(self, contact: Contact) -> SearchQuerySet:
        """Annotate ``has_contact`` (``contact`` was added to the search) and ``met_in`` (met in its meetings)."""
        return self.annotate(
            has_contact=models.Exists(
                Search.contacts.through.objects.filter(search_id=models.OuterRef("pk"), contact_id=contact.pk)
            ),
            met_in=models.Exists(Meeting.objects.filter(search_id=models.OuterRef("pk"), contact_id=contact.pk)),
        )

    def with_meeting_counts(self) -> SearchQuerySet:
        return self.annotate(
            meeting_count=models.Count("meetings"),
            held_count=models.Count("meetings", filter=models.Q(meetings__state="held")),
        )


class Search(OwnedModel):
    """What the meetings are for: "a project-management role in Albuquerque"."""

    title = models.CharField(max_length=200)
    looking_for = models.TextField("What I'm looking for", blank=True)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text='e.g. "accepted a job at Acme"')
    created_at = models.DateTimeField(auto_now_add=True)
    # People added to the search by hand (a recruiter, a mentor, someone to approach);
    # the people met in it come through its meetings.
    contacts = models.ManyToManyField("contacts.Contact", related_name="searches", blank=True)

    objects = SearchQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["-started_on", "-id"]
        verbose_name_plural = "searches"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("meetings:search_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


def people_in_search(search: Search, *, among: models.QuerySet[Contact]) -> models.QuerySet[Contact]:
    """The people in ``search``, out of ``among``: added to it, or met (or to be met) in its meetings.

    Annotates ``added`` (added by hand, so it can be taken out) and ``in_meetings``.
    Subqueries rather than joins, so nobody appears twice and no DISTINCT is needed.
    """
    members = Search.contacts.through.objects.filter(search_id=search.pk)
    met = Meeting.objects.filter(search_id=search.pk).values("contact_id")
    return among.filter(models.Q(pk__in=members.values("contact_id")) | models.Q(pk__in=met)).annotate(
        added=models.Exists(members.filter(contact_id=models.OuterRef("pk"))),
        in_meetings=models.Exists(met.filter(contact_id=models.OuterRef("pk"))),
    )


class MeetingState(models.TextChoices):
    IDEA = "idea", "Idea"
    REQUESTED = "requested", "Requested"
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    DECLINED = "declined", "Declined"
    NO_REPLY = "no_reply", "No reply"
    CANCELLED = "cancelled", "Cancelled"


class MeetingKind(models.TextChoices):
    COFFEE = "coffee", "Coffee"
    PHONE = "phone", "Phone"
    VIDEO = "video", "Video call"
    MEAL = "meal", "Lunch or dinner"
    EVENT = "event", "Event"
    OFFICE = "office", "Office visit"


class Purpose(models.TextChoices):
    FIELD = "field", "Learn about a field"
    COMPANY = "company", "Learn about a company"
    ROLE = "role", "Learn about a role"
    ADVICE = "advice", "Get advice"
    INTRODUCTIONS = "introductions", "Ask for introductions"


LIFECYCLE_ORDER = (
    MeetingState.SCHEDULED,
    MeetingState.REQUESTED,
    MeetingState.IDEA,
    MeetingState.HELD,
    MeetingState.NO_REPLY,
    MeetingState.DECLINED,
    MeetingState.CANCELLED,
)
CLOSED_STATES = (MeetingState.HELD, MeetingState.DECLINED, MeetingState.NO_REPLY, MeetingState.CANCELLED)


class MeetingQuerySet(OwnedQuerySet):
    def upcoming(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.SCHEDULED).order_by("starts_at")

    def awaiting_answer(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.REQUESTED).order_by("requested_at")

    def held(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.HELD)

    def past(self) -> MeetingQuerySet:
        """Held, declined, unanswered or cancelled: the story so far, latest first."""
        return self.filter(state__in=CLOSED_STATES).order_by(
            models.F("starts_at").desc(nulls_last=True), "-closed_at", "-id"
        )

    def ideas(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.IDEA).order_by("-created_at")

    def for_list(self) -> MeetingQuerySet:
        """What a row of the list shows (meetings/templatetags/meeting_list.py), and no more:
        a contact's notes and search text are most of its row."""
        return self.select_related("contact", "search").only(
            "contact_id",
            "search_id",
            "state",
            "kind",
            "purpose",
            "starts_at",
            "duration_minutes",
            "requested_at",
            "contact__given_name",
            "contact__family_name",
            "contact__emails",
            "contact__company",
            "search__title",
        )

    def in_lifecycle_order(self) -> MeetingQuerySet:
        """Open meetings first (scheduled, waiting, ideas), then the held ones, then the rest."""
        rank = models.Case(
            *(models.When(state=state, then=models.Value(i)) for i, state in enumerate(LIFECYCLE_ORDER)),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, models.F("starts_at").desc(nulls_last=True), "-id")

    def for_timeline(self, contact: Contact) -> MeetingQuerySet:
        """A contact's meetings for their timeline, latest first (render with meetings/_contact_meetings.html)."""
        return (
            self.filter(contact=contact)
            .select_related("search")
            .order_by(models.F("starts_at").desc(nulls_first=True), "-created_at", "-id")
        )


class Meeting(OwnedModel):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="meetings")
    search = models.ForeignKey(Search, null=True, blank=True, on_delete=models.SET_NULL, related_name="meetings")
    state = models.CharField(max_length=20, choices=MeetingState.choices, default=MeetingState.IDEA)
    kind = models.CharField(max_length=20, choices=MeetingKind.choices, default=MeetingKind.COFFEE)
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.FIELD)
    place = models.CharField("Place or link", max_length=300, blank=True)
    starts_at = models.DateTimeField("When", null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField("Planned length (minutes)", default=20)

    # The date each step happened.
    requested_at = models.DateTimeField(null=True, blank=True)
    scheduled_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, help_text="Declined, no reply or cancelled.")

    # What came out of it.
    notes = models.TextField(blank=True)
    learned = models.TextField("What I learned", blank=True)
    suggested_contacts = models.ManyToManyField(Contact, blank=True, related_name="suggested_in_meetings")
    questions: models.ManyToManyField[Question, MeetingQuestion] = models.ManyToManyField(
        "Question", through="MeetingQuestion", blank=True, related_name="meetings"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            # With "id", a tab's page comes out of the index in its order (starts_at ties are common).
            models.Index(fields=["owner", "state", "starts_at", "id"], name="meeting_owner_state_start_id"),
            models.Index(fields=["contact", "starts_at"], name="meeting_contact_start"),
            # The dashboard's last twelve weeks: meetings held per week, and what became of
            # the requests sent (both index-only range scans instead of reading every meeting).
            models.Index(
                fields=["owner", "held_at"], condition=models.Q(state=MeetingState.HELD), name="meeting_owner_held"
            ),
            models.Index(fields=["owner", "requested_at"], include=["state"], name="meeting_owner_requested"),
            # The dashboard's oldest requests still waiting: the first few straight from the
            # index, where the one above walks every request ever sent to find them.
            models.Index(
                fields=["owner", "requested_at", "id"],
                condition=models.Q(state=MeetingState.REQUESTED),
                name="meeting_owner_awaiting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.contact}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def ends_at(self) -> datetime | None:
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None

    @property
    def is_open(self) -> bool:
        return self.state in (MeetingState.IDEA, MeetingState.REQUESTED, MeetingState.SCHEDULED)

    @property
    def would_be_paid_consultation(self) -> bool:
        """Someone who sells their time gets about 15 minutes; more is a paid consultation."""
        return self.contact.sells_time and self.duration_minutes > PAID_CONSULTATION_MINUTES

    @property
    def is_longer_than_an_interview(self) -> bool:
        """An informational interview takes 15 to 30 minutes; asking for more is asking a lot."""
        return self.duration_minutes > INTERVIEW_MAX_MINUTES

    @property
    def place_is_link(self) -> bool:
        return self.place.startswith(("https://", "http://"))

    @property
    def touch_channel(self) -> str:
        """How this meeting reached them, as the touch it logs when held."""
        return TOUCH_CHANNELS.get(self.kind, Channel.IN_PERSON)

    @property
    def touch_note(self) -> str:
        return f"Meeting held: {self.get_kind_display()}"


PAID_CONSULTATION_MINUTES = 15
# The method's informational interview: 15 to 30 minutes. Longer is allowed, with a warning.
INTERVIEW_MAX_MINUTES = 30
# Coffee, a meal or an office visit are met in person; the rest say how.
TOUCH_CHANNELS: dict[str, str] = {
    MeetingKind.PHONE: Channel.CALL,
    MeetingKind.VIDEO: Channel.VIDEO,
    MeetingKind.EVENT: Channel.EVENT,
}


class MeetingQuestion(models.Model):
    """A question picked for one meeting, in the order the user wants to ask it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="picked_questions")
    question = models.ForeignKey("Question", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "question"], name="meetingquestion_unique_pair")]

    def __str__(self) -> str:
        return f"{self.position}. {self.question}"


class QuestionQuerySet(OwnedQuerySet):
    def by_purpose(self) -> QuestionQuerySet:
        return self.order_by("purpose", "id")


class Question(OwnedModel):
    """One entry in the user's question bank, grouped by what the conversation is for."""

    text = models.CharField(max_length=300)
    purpose = models.CharField(
        max_length=20, choices=Purpose.choices, default=Purpose.FIELD, help_text="Which conversations it suits."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = QuestionQuerySet.as_manager()  # type: ignore[misc]  # django-stubs#1713: a ClassVar cannot name as_manager()'s type

    class Meta:
        ordering = ["purpose", "id"]

    def __str__(self) -> str:
        return self.text


class LetterKind(models.TextChoices):
    REFERRAL = "referral", "Through a referral"
    ALUMNI = "alumni", "Alumni"
    COLD = "cold", "Cold"
    EVENT = "event", "Follow-up after an event"
    OTHER = "other", "Other"


class OutreachTemplate(OwnedModel):
    """A letter asking for information or advice and a short conversation, never a job."""

    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=LetterKind.choices, default=LetterKind.OTHER)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("meetings:template_edit", args=[self.pk])


# Prefetch a meeting's picked questions in order, each with its text, in one query.
PICKED_QUESTIONS = models.Prefetch("picked_questions", queryset=MeetingQuestion.objects.select_related("question"))
