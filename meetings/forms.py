from __future__ import annotations

from datetime import date
from typing import Any, cast

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.forms import formset_factory

from contacts.forms import ContactPickerField
from contacts.models import Contact, LedgerKind
from contacts.querysets import ContactQuerySet
from netweave.ownership import OwnedChoicesFormMixin

from .letters import PLACEHOLDERS, unknown_placeholders
from .models import Meeting, OutreachTemplate, Question, Search, SearchQuerySet
from .services import LETTER_BACKDATE_LIMIT, Exchange, NewPerson, Promise


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class SearchForm(OwnedChoicesFormMixin, forms.ModelForm):
    class Meta:
        model = Search
        fields = ["title", "looking_for", "started_on"]
        widgets = {"started_on": DateInput(), "looking_for": forms.Textarea(attrs={"rows": 3})}


class CloseSearchForm(forms.Form):
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What happened, in a sentence: “accepted a job at Acme”. Everyone who helped will hear it.",
    )
    ended_on = forms.DateField(label="Ended on", widget=DateInput())


class AddPersonToSearchForm(OwnedChoicesFormMixin, forms.Form):
    """From a search's page: anyone in the network, picked by typing (never a 30,000-option select)."""

    contact = ContactPickerField(
        label="Add someone to this search",
        error_messages={"required": "Type the name of someone in your network."},
    )

    def __init__(self, *args: Any, owner: AbstractBaseUser, search: Search, **kwargs: Any) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        self.search = search
        self.fields["contact"].widget.attrs["placeholder"] = "A name, a company or an email"

    def clean_contact(self) -> Contact:
        contact = self.cleaned_data["contact"]
        if self.search.contacts.filter(pk=contact.pk).exists():
            raise forms.ValidationError(f"{contact.full_name} is already in this search.")
        return contact


class AddToSearchForm(OwnedChoicesFormMixin, forms.Form):
    """From a contact's page: one of the user's open searches (a handful, so a select)."""

    search = forms.ModelChoiceField(
        queryset=Search.objects.open(),
        error_messages={
            "required": "Choose a search first.",
            "invalid_choice": "That search is closed or is not one of yours.",
        },
    )

    def __init__(self, *args: Any, owner: AbstractBaseUser, contact: Contact, **kwargs: Any) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        self.contact = contact

    def clean_search(self) -> Search:
        search = self.cleaned_data["search"]
        if search.contacts.filter(pk=self.contact.pk).exists():
            raise forms.ValidationError(f"{self.contact.full_name} is already in “{search.title}”.")
        return search


class MeetingForm(OwnedChoicesFormMixin, forms.ModelForm):
    """Plan or edit a meeting. The contact is chosen before (by id), never from a 30,000-row select."""

    class Meta:
        model = Meeting
        fields = ["contact", "purpose", "kind", "place", "starts_at", "duration_minutes", "search"]
        widgets = {"contact": forms.HiddenInput(), "starts_at": DateTimeInput()}
        labels = {"search": "Part of a search"}
        help_texts = {
            "place": "An address, a café, or a video link.",
            "starts_at": "Leave blank until they say yes.",
            "duration_minutes": "15 to 30 minutes is the norm for an informational interview.",
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        search = cast(forms.ModelChoiceField, self.fields["search"])
        search.queryset = cast(SearchQuerySet, search.queryset).open()
        search.empty_label = "No particular search"
        duration = cast(forms.IntegerField, self.fields["duration_minutes"])
        duration.min_value, duration.max_value = 5, 240
        duration.widget.attrs.update(min=5, max=240, step=5)
        # Only our own bound: the model field's (0 to 32767) would add a second, contradicting error.
        duration.validators = [_length_validator]
        if self.instance.pk:
            # The person met does not change once planned; plan a new meeting instead.
            del self.fields["contact"]
            if self.instance.search_id:
                search.queryset = (
                    Search.objects.for_owner(self.owner).filter(pk=self.instance.search_id)
                    | Search.objects.for_owner(self.owner).open()
                )


def _length_validator(value: int) -> None:
    if not 5 <= value <= 240:
        raise forms.ValidationError("Plan between 5 and 240 minutes.")


class ScheduleForm(forms.Form):
    starts_at = forms.DateTimeField(label="When", widget=DateTimeInput())


class LetterSentForm(forms.Form):
    """When the outreach letter went out: today unless the user backdates it."""

    sent_on = forms.DateField(label="Sent on", widget=DateInput())

    def __init__(self, *args: Any, today: date, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"sent_on": today})
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["sent_on"].widget.attrs.update(
            {"max": today.isoformat(), "min": (today - LETTER_BACKDATE_LIMIT).isoformat()}
        )

    def clean_sent_on(self) -> date:
        day = self.cleaned_data["sent_on"]
        if day > self.today:
            raise forms.ValidationError("A letter can't be sent in the future; pick today or an earlier day.")
        if day < self.today - LETTER_BACKDATE_LIMIT:
            raise forms.ValidationError("Pick a sent date within the last year.")
        return day


class OutreachTemplateForm(OwnedChoicesFormMixin, forms.ModelForm):
    class Meta:
        model = OutreachTemplate
        fields = ["name", "kind", "subject", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for field in ("subject", "body"):
            unknown = unknown_placeholders(cleaned.get(field) or "")
            if unknown:
                known = ", ".join("{" + name + "}" for name in PLACEHOLDERS)
                names = ", ".join("{" + name + "}" for name in unknown)
                self.add_error(field, f"Unknown placeholder {names}. You can use: {known}.")
        return cleaned


class QuestionForm(OwnedChoicesFormMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "purpose"]
        labels = {"text": "Question"}


class OwnQuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "purpose"]
        labels = {"text": "Your own question"}


# --- How did it go ---------------------------------------------------------------------


class HowItWentForm(OwnedChoicesFormMixin, forms.Form):
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    learned = forms.CharField(label="What I learned", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    suggested = forms.ModelMultipleChoiceField(
        label="People they suggested", queryset=Contact.objects.all(), required=False
    )
    gave_kind = forms.ChoiceField(label="Kind", choices=LedgerKind.choices, required=False)
    gave_description = forms.CharField(label="Details", max_length=300, required=False)
    received_kind = forms.ChoiceField(label="Kind", choices=LedgerKind.choices, required=False)
    received_description = forms.CharField(label="Details", max_length=300, required=False)

    def __init__(self, *args: Any, meeting: Meeting, owner: AbstractBaseUser, **kwargs: Any) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        self.meeting = meeting
        # Validates posted ids against the owner's network only; the page offers a short list.
        suggested = cast(forms.ModelMultipleChoiceField, self.fields["suggested"])
        suggested.queryset = cast(ContactQuerySet, suggested.queryset).exclude(pk=meeting.contact_id)
        for field in ("gave_kind", "received_kind"):
            cast(forms.ChoiceField, self.fields[field]).choices = [("", "Nothing this time"), *LedgerKind.choices]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        for side in ("gave", "received"):
            if cleaned.get(f"{side}_description") and not cleaned.get(f"{side}_kind"):
                self.add_error(f"{side}_kind", "Say what kind of thing it was.")
        return cleaned

    def exchange(self, side: str) -> Exchange | None:
        kind = self.cleaned_data.get(f"{side}_kind")
        return Exchange(kind=kind, description=self.cleaned_data.get(f"{side}_description", "")) if kind else None


class NewPersonForm(forms.Form):
    given_name = forms.CharField(label="First name", max_length=100)
    family_name = forms.CharField(label="Last name", max_length=100, required=False)
    company = forms.CharField(max_length=200, required=False)
    title = forms.CharField(label="Job title", max_length=200, required=False)
    email = forms.EmailField(required=False)

    def person(self) -> NewPerson:
        return NewPerson(**self.cleaned_data)


class PromiseForm(forms.Form):
    text = forms.CharField(label="I promised to", max_length=200)
    due_on = forms.DateField(label="By", widget=DateInput())

    def promise(self) -> Promise:
        return Promise(text=self.cleaned_data["text"], due_on=self.cleaned_data["due_on"])


NewPersonFormSet = formset_factory(NewPersonForm, extra=2, max_num=20, validate_max=True)
PromiseFormSet = formset_factory(PromiseForm, extra=2, max_num=20, validate_max=True)
