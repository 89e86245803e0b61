"""Searches and the informational interviews held for them."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone

from contacts.models import Contact
from netweave.ownership import OwnedModel, OwnedQuerySet


class SearchQuerySet(OwnedQuerySet):
    def open(self) -> SearchQuerySet:
        return self.filter(ended_on__isnull=True)


class Search(OwnedModel):
    """What the meetings are for: "a project-management role in Albuquerque"."""

    title = models.CharField(max_length=200)
    looking_for = models.TextField("What I'm looking for", blank=True)
    started_on = models.DateField(default=timezone.localdate)
    ended_on = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True, help_text='e.g. "accepted a job at Acme"')
    created_at = models.DateTimeField(auto_now_add=True)

    objects = SearchQuerySet.as_manager()

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


class MeetingQuerySet(OwnedQuerySet):
    def upcoming(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.SCHEDULED).order_by("starts_at")

    def awaiting_answer(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.REQUESTED).order_by("requested_at")

    def held(self) -> MeetingQuerySet:
        return self.filter(state=MeetingState.HELD)


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

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "state", "starts_at"], name="meeting_owner_state_start"),
            models.Index(fields=["contact", "starts_at"], name="meeting_contact_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} with {self.contact}"

    def get_absolute_url(self) -> str:
        return reverse("meetings:detail", args=[self.pk])

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes) if self.starts_at else None
