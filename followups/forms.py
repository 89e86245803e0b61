from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import QuerySet

from .drafts import PLACEHOLDERS, unknown_placeholders
from .models import DraftTemplate, FollowUp
from .services import DEFAULT_SNOOZE_DAYS, SNOOZE_CHOICES


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["title", "due_on", "subject", "message"]
        widgets = {
            # One line, but wrapping: "Tell Maria Sato how the search ended" is wider than a phone.
            "title": forms.Textarea(attrs={"rows": 1, "data-autogrow": "", "data-single-line": ""}),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            # As tall as the draft, so the sign-off shows without scrolling inside the box.
            "message": forms.Textarea(attrs={"rows": 12, "class": "font-monospace-sm", "data-autogrow": ""}),
        }

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())


class FollowUpSearchForm(forms.Form):
    q = forms.CharField(
        label="Search follow-ups",
        max_length=200,
        required=False,
        strip=True,
        error_messages={"max_length": "Search for at most %(limit_value)d characters."},
    )


class SnoozeForm(forms.Form):
    days = forms.TypedChoiceField(
        choices=[(d, f"{d} day{'s' if d != 1 else ''}") for d in SNOOZE_CHOICES],
        coerce=int,
        initial=DEFAULT_SNOOZE_DAYS,
    )


class ProposedReportsField(forms.ModelMultipleChoiceField):
    """Proposed outcome reports, each shown by the name of the person it goes to."""

    def label_from_instance(self, obj: FollowUp) -> str:
        return obj.contact.full_name


class OutcomeReviewForm(forms.Form):
    """Tick who should hear how the search ended; unticked people are dropped."""

    keep = ProposedReportsField(
        queryset=FollowUp.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Send an outcome report to",
    )

    def __init__(self, *args: Any, proposed: QuerySet[FollowUp], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(ProposedReportsField, self.fields["keep"]).queryset = proposed


class DraftTemplateForm(forms.ModelForm):
    class Meta:
        model = DraftTemplate
        fields = ["subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def _check_placeholders(self, field: str) -> str:
        value = self.cleaned_data[field]
        unknown = unknown_placeholders(value)
        if unknown:
            known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
            raise forms.ValidationError(
                "Unknown placeholder %(unknown)s. You can use: %(known)s.",
                params={"unknown": ", ".join(f"{{{name}}}" for name in unknown), "known": known},
            )
        return value

    def clean_subject(self) -> str:
        return self._check_placeholders("subject")

    def clean_body(self) -> str:
        return self._check_placeholders("body")
