"""Forms for the network. They validate input and nothing else; services do the writing."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from netweave.ownership import OwnedChoicesFormMixin

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

from .models import TAG_COLOURS, Channel, Contact, ContactLink, Direction, Interaction, LedgerEntry, Stage, Tag
from .validators import past_exchange, past_meeting_day, past_touch

PICKED = re.compile(r"\(#(\d+)\)\s*$")


def picker_label(contact: Contact) -> str:
    """How a contact appears in a picker, ending in its id so the choice is exact: "Ken Sato, Acme (#12)"."""
    company = f", {contact.company}" if contact.company else ""
    return f"{contact.full_name}{company} (#{contact.pk})"


class ContactPickerInput(forms.TextInput):
    """A text box with type-ahead suggestions from the owner's network (static/js/contacts.js)."""

    def __init__(self, attrs: dict | None = None) -> None:
        super().__init__({"autocomplete": "off", "data-contact-picker": "", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-lookup-url"] = reverse("contacts:lookup")
        context["widget"]["attrs"]["list"] = f"{context['widget']['attrs'].get('id', name)}-options"
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}-options"></datalist>', html, (attrs or {}).get("id", name))


class ContactPickerField(forms.CharField):
    """Choose one of the owner's contacts by typing: a pick from the suggestions, or a name that matches one person.

    A <select> cannot hold a 30,000-person network, so this is a text field that
    resolves to a Contact, scoped to the owner, or explains why it could not.
    """

    widget = ContactPickerInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 300)
        super().__init__(*args, **kwargs)
        self.owner: AbstractBaseUser | None = None

    def prepare_value(self, value: Any) -> Any:
        return picker_label(value) if isinstance(value, Contact) else value

    def clean(self, value: Any) -> Contact | None:
        text = super().clean(value).strip()
        if not text:
            return None
        # The owned form hands the field its owner; without one it finds nobody.
        network = Contact.objects.for_owner(self.owner) if self.owner else Contact.objects.none()
        picked = PICKED.search(text)
        if picked:
            contact = network.filter(pk=int(picked.group(1))).first()
            if contact is None:
                raise ValidationError("That person is not in your network.")
            return contact
        matches = list(network.search_by_name(text)[:2])
        if not matches:
            raise ValidationError(f"Nobody in your network matches “{text}”.")
        if len(matches) > 1:
            raise ValidationError(f"Several people match “{text}”: pick one from the suggestions or type more.")
        return matches[0]


class LinesField(forms.Field):
    """A list edited one item per line (emails, phones)."""

    widget = forms.Textarea(attrs={"rows": 2})

    def __init__(self, *args: Any, item_validator=None, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.item_validator = item_validator

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:
        text = "" if value in self.empty_values else str(value)
        return [line.strip() for line in re.split(r"[\n,;]+", text) if line.strip()]

    def validate(self, value: list[str]) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        for item in value:
            if self.item_validator:
                try:
                    self.item_validator(item)
                except ValidationError as error:
                    raise ValidationError(f"“{item}” is not a valid email address.") from error


class ContactForm(OwnedChoicesFormMixin, forms.ModelForm):
    emails = LinesField(
        label="Emails", help_text="One per line; the first is the main one.", item_validator=validate_email
    )
    phones = LinesField(label="Phones", help_text="One per line.")
    introduced_by = ContactPickerField(
        label="Introduced by", required=False, help_text="Start typing a name from your network."
    )
    new_introducer = forms.CharField(
        label="…or someone new",
        required=False,
        max_length=200,
        help_text="Not in your network yet? Type their name and they are added too.",
    )
    tags = forms.ModelMultipleChoiceField(
        queryset=Tag.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    linkedin_url = forms.URLField(label="LinkedIn profile", max_length=300, required=False, assume_scheme="https")
    website = forms.URLField(max_length=300, required=False, assume_scheme="https")
    # Shown, as a checkbox, only once a new contact looks like someone already in the network.
    different_person = forms.BooleanField(
        required=False, widget=forms.HiddenInput, label="They are a different person: save them as new"
    )

    class Meta:
        model = Contact
        fields = [
            "given_name",
            "family_name",
            "preferred_name",
            "emails",
            "phones",
            "company",
            "title",
            "location",
            "linkedin_url",
            "website",
            "source",
            "source_detail",
            "met_on",
            "stage",
            "cadence_days",
            "sells_time",
            "tags",
            "notes",
            "how_i_can_help",
            "how_they_can_help",
        ]
        labels = {"given_name": "First name", "family_name": "Last name"}
        widgets = {
            "met_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "how_i_can_help": forms.Textarea(attrs={"rows": 2}),
            "how_they_can_help": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, owner, **kwargs: Any) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        if self.instance.introduced_by_id and not self.is_bound:
            self.initial["introduced_by"] = self.instance.introduced_by
        defaults = ", ".join(
            f"{label.lower()} every {owner.cadence_for_stage(stage)} days"
            for stage, label in Stage.choices
            if owner.cadence_for_stage(stage)
        )
        self.fields[
            "cadence_days"
        ].help_text = (
            f"Blank uses your default for the stage ({defaults or 'none set'}); change defaults in Preferences."
        )
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset(
                "Who they are",
                Div(
                    Div("given_name", css_class="col-md-4"),
                    Div("family_name", css_class="col-md-4"),
                    Div("preferred_name", css_class="col-md-4"),
                    css_class="row",
                ),
                Div(Div("company", css_class="col-md-6"), Div("title", css_class="col-md-6"), css_class="row"),
                Div(Div("emails", css_class="col-md-6"), Div("phones", css_class="col-md-6"), css_class="row"),
                Div(
                    Div("location", css_class="col-md-4"),
                    Div("linkedin_url", css_class="col-md-4"),
                    Div("website", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "How you met",
                Div(
                    Div("source", css_class="col-md-4"),
                    Div("source_detail", css_class="col-md-5"),
                    Div("met_on", css_class="col-md-3"),
                    css_class="row",
                ),
                Div(
                    Div("introduced_by", css_class="col-md-6"),
                    Div("new_introducer", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                "Keeping in touch",
                Div(
                    Div("stage", css_class="col-md-4"),
                    Div("cadence_days", css_class="col-md-8"),
                    css_class="row",
                ),
                "sells_time",
                Field("tags", css_class="nw-tag-choices"),
            ),
            Fieldset("Notes", "notes", "how_i_can_help", "how_they_can_help"),
            "different_person",
            Div(
                Submit("save", "Save contact"),
                HTML(
                    '<a class="btn btn-link" href="{% if object %}{{ object.get_absolute_url }}'
                    "{% else %}{% url 'contacts:list' %}{% endif %}\">Cancel</a>"
                ),
                css_class="d-flex gap-2 align-items-center",
            ),
        )

    def clean_linkedin_url(self) -> str:
        return self.cleaned_data["linkedin_url"].strip()

    def clean_met_on(self) -> date | None:
        return past_meeting_day(self.cleaned_data["met_on"])

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if not any(data.get(name) for name in ("given_name", "family_name", "emails", "company")):
            raise ValidationError("Give at least a name, an email or a company, so you can find them again.")
        introducer = data.get("introduced_by")
        if introducer and data.get("new_introducer"):
            self.add_error("new_introducer", "Pick someone from your network or type a new name, not both.")
        if introducer and self.instance.pk:
            chain = [introducer, *Contact.objects.introduction_chain(introducer)]
            if any(person.pk == self.instance.pk for person in chain):
                self.add_error("introduced_by", "That would make them their own introducer, through a loop.")
        if self.instance.pk is None and not data.get("different_person"):
            self._refuse_a_likely_duplicate(data)
        return data

    def _refuse_a_likely_duplicate(self, data: dict) -> None:
        """A new contact who is already in the network (the import's rule) is not saved
        silently: the form names them, and a tick saves the new one anyway."""
        found = Contact.objects.for_owner(self.owner).same_person_as(
            emails=data.get("emails") or [],
            linkedin_url=data.get("linkedin_url") or "",
            given_name=data.get("given_name") or "",
            family_name=data.get("family_name") or "",
            company=data.get("company") or "",
        )
        if not found:
            return
        self.fields["different_person"].widget = forms.CheckboxInput()
        who = format_html_join(
            "; ", '<a href="{}">{}</a> ({})', ((c.get_absolute_url(), c.full_name, why) for c, why in found)
        )
        raise ValidationError(
            format_html(
                "Already in your network: {}. Open them to add what is new, or tick “{}” below.",
                who,
                self.fields["different_person"].label,
            ),
            code="duplicate",
        )


class InteractionForm(forms.ModelForm):
    class Meta:
        model = Interaction
        fields = ["occurred_at", "channel", "note"]
        labels = {"occurred_at": "When", "channel": "How", "note": "Note"}
        widgets = {
            "occurred_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "note": forms.Textarea(attrs={"rows": 2, "placeholder": "What did you talk about?"}),
        }

    def clean_occurred_at(self) -> datetime:
        return past_touch(self.cleaned_data["occurred_at"])


class LedgerEntryForm(forms.ModelForm):
    # Radio buttons with one already chosen: giving comes first in the method, and a
    # blank direction only made the first submit fail.
    direction = forms.ChoiceField(choices=Direction.choices, initial=Direction.GAVE, widget=forms.RadioSelect, label="")

    class Meta:
        model = LedgerEntry
        fields = ["direction", "kind", "description", "occurred_on"]
        labels = {"direction": "", "kind": "What", "occurred_on": "When"}
        widgets = {
            "direction": forms.RadioSelect,
            "occurred_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.TextInput(attrs={"placeholder": "e.g. intro to a recruiter at Globex"}),
        }

    def clean_occurred_on(self) -> date:
        return past_exchange(self.cleaned_data["occurred_on"])


class ContactLinkForm(OwnedChoicesFormMixin, forms.ModelForm):
    knows = ContactPickerField(label="They know", help_text="Someone from your network.")

    class Meta:
        model = ContactLink
        fields = ["knows", "note"]
        widgets = {"note": forms.TextInput(attrs={"placeholder": "e.g. former manager at Acme"})}

    def __init__(self, *args: Any, person: Contact, owner, **kwargs: Any) -> None:
        super().__init__(*args, owner=owner, **kwargs)
        self.person = person

    def clean_knows(self) -> Contact:
        other = self.cleaned_data["knows"]
        if other.pk == self.person.pk:
            raise ValidationError("Everyone knows themselves; pick someone else.")
        links = ContactLink.objects.same_owner_as(self.person)
        already = links.filter(Q(person=self.person, knows=other) | Q(person=other, knows=self.person))
        if already.exists():
            raise ValidationError(f"You already noted that {self.person.call_them} knows {other.full_name}.")
        return other


class BulkTagForm(OwnedChoicesFormMixin, forms.Form):
    ADD, REMOVE = "add", "remove"

    contacts = forms.ModelMultipleChoiceField(
        queryset=Contact.objects.all(), error_messages={"required": "Tick at least one person first."}
    )
    tag = forms.ModelChoiceField(queryset=Tag.objects.all(), required=False, empty_label="Choose a tag…")
    new_tag = forms.CharField(max_length=50, required=False, label="or a new tag")
    action = forms.ChoiceField(choices=[(ADD, "Add tag"), (REMOVE, "Remove tag")], initial=ADD)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        name = (data.get("new_tag") or "").strip()
        if not data.get("tag") and not name:
            raise ValidationError("Choose a tag, or type a new one.")
        if name and data.get("action") == self.REMOVE and not data.get("tag"):
            raise ValidationError("Choose an existing tag to remove.")
        return data


class TagForm(OwnedChoicesFormMixin, forms.ModelForm):
    color = forms.ChoiceField(
        label="Colour",
        required=False,
        choices=[("", "No colour"), *TAG_COLOURS.items()],
        help_text="Optional; the name always shows too.",
    )

    class Meta:
        model = Tag
        fields = ["name", "color"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.color
        if current and current.lower() not in TAG_COLOURS:
            # A colour set elsewhere (the admin, an import) stays choosable.
            color = cast(forms.ChoiceField, self.fields["color"])
            # Built from the model field's choices: a list of pairs by now.
            color.choices = [*cast(list[tuple[str, str]], color.choices), (current, current)]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Tag.objects.for_owner(self.owner).filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError("You already have a tag with that name.")
        return name


class CaptureTouchForm(forms.Form):
    """The optional touch that prompted a capture ("they commented on my post")."""

    channel = forms.ChoiceField(
        label="How",
        choices=[("", "Nothing to log")] + list(Channel.choices),
        required=False,
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "e.g. liked my article on agile PMOs"}),
    )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("note", "").strip() and not data.get("channel"):
            self.add_error("channel", "Say how you were in touch, or leave the note empty.")
        return data
