"""Follow-ups: what the user owes someone, and the loops netweave closes."""

from __future__ import annotations

from datetime import date

from django.db import models

from contacts.models import Contact
from meetings.models import Meeting, Search
from netweave.ownership import OwnedModel, OwnedQuerySet


class FollowUpKind(models.TextChoices):
    THANK_YOU = "thank_you", "Thank-you note"
    THANK_REFERRER = "thank_referrer", "Thank the referrer"
    PROMISE = "promise", "Promise"
    OUTCOME_REPORT = "outcome_report", "Outcome report"
    REPLY_NUDGE = "reply_nudge", "Reply nudge"
    KEEP_IN_TOUCH = "keep_in_touch", "Keep in touch"


class FollowUpState(models.TextChoices):
    PROPOSED = "proposed", "Waiting for review"  # outcome reports, before the user accepts them
    OPEN = "open", "Open"
    DONE = "done", "Done"
    SKIPPED = "skipped", "Skipped"


class FollowUpQuerySet(OwnedQuerySet):
    def open(self) -> FollowUpQuerySet:
        return self.filter(state=FollowUpState.OPEN)

    def actionable(self, today: date) -> FollowUpQuerySet:
        """Open, not snoozed past today."""
        return self.open().filter(models.Q(snoozed_until__isnull=True) | models.Q(snoozed_until__lte=today))

    def due_by(self, today: date) -> FollowUpQuerySet:
        return self.actionable(today).filter(due_on__lte=today)


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
    message = models.TextField("Draft message", blank=True)
    # Set by the rules that create follow-ups ("thank_you:meeting:42"), so that
    # re-running a rule finds the row it made instead of making a second one.
    rule_key = models.CharField(max_length=120, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "rule_key"], name="followup_unique_rule_key_per_owner"),
        ]
        indexes = [
            models.Index(fields=["owner", "state", "due_on"], name="followup_owner_state_due"),
            models.Index(fields=["contact", "due_on"], name="followup_contact_due"),
        ]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date) -> bool:
        return self.state == FollowUpState.OPEN and self.due_on < today
