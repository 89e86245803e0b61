from __future__ import annotations

from typing import cast

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout, Submit
from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.html import format_html

from .models import PREFERENCE_FIELDS, User
from .time_zones import DEFAULT_ZONE, TimeZoneField, time_zone_choices


class PreferencesForm(forms.ModelForm):
    time_zone = TimeZoneField(label="Time zone", help_text="Reminders, meeting times and drafts use it.")

    class Meta:
        model = User
        fields = list(PREFERENCE_FIELDS)
        help_texts = {
            # The rule lives in followups.reminders.specs (DAILY.gives_way, WEEKLY's due hour).
            "weekly_digest_enabled": "One reminder email a day: on the day the digest goes out, it replaces the "
            "daily reminder and lists what is due today and overdue.",
            "weekly_digest_hour": "0 to 23, in your time zone. A digest that missed its day goes out later "
            "that week, never before this hour.",
            "daily_reminder_enabled": "Not on the day your weekly digest goes out: the digest says it instead.",
            "daily_reminder_hour": "0 to 23, in your time zone.",
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        zone = cast(forms.ChoiceField, self.fields["time_zone"])
        zone.choices = time_zone_choices(self.instance.time_zone)
        if not self.is_bound and self.instance.time_zone == DEFAULT_ZONE:
            # Still the default: static/js/preferences.js picks the browser's zone and says so.
            zone.widget.attrs["data-browser-zone"] = "suggest"
            zone.help_text = format_html(
                '{} <span class="text-primary-emphasis" data-browser-zone-note hidden></span>', zone.help_text
            )
        # Left out of a post (an older page still open in a tab): the budget stays as it was.
        self.fields["keep_in_touch_per_day"].required = False
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("You", "display_name", "time_zone"),
            Fieldset(
                "Reminder emails",
                "weekly_digest_enabled",
                Div(
                    Div("weekly_digest_weekday", css_class="col-sm-6"),
                    Div("weekly_digest_hour", css_class="col-sm-6"),
                    css_class="row",
                ),
                "daily_reminder_enabled",
                "daily_reminder_hour",
            ),
            Fieldset(
                "Keep in touch",
                Div(
                    Div("cadence_acquaintance_days", css_class="col-md-4"),
                    Div("cadence_in_touch_days", css_class="col-md-4"),
                    Div("cadence_ally_days", css_class="col-md-4"),
                    css_class="row",
                ),
                "keep_in_touch_per_day",
            ),
            Fieldset(
                "Closing loops",
                Div(
                    Div("thank_you_delay_days", css_class="col-md-6"),
                    Div("reply_nudge_after_days", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Submit("save", "Save preferences"),
        )

    def clean_keep_in_touch_per_day(self) -> int:
        value = self.cleaned_data.get("keep_in_touch_per_day")
        return self.instance.keep_in_touch_per_day if value is None else value


class SignupForm(UserCreationForm):
    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        self.helper = FormHelper()
        self.helper.add_input(Submit("signup", "Create account", css_class="w-100"))


class EmailChangeForm(forms.Form):
    """A new address for reminders; the current password proves it is the account's owner asking."""

    new_email = forms.EmailField(label="New email address", max_length=254)
    current_password = forms.CharField(
        label="Current password", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.helper = FormHelper()
        self.helper.add_input(Submit("change", "Send a confirmation link"))

    def clean_current_password(self) -> str:
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your current password.")
        return password

    def clean_new_email(self) -> str:
        email = self.cleaned_data["new_email"]
        if email.lower() == (self.user.email or "").lower():
            raise forms.ValidationError("That is already your address.")
        return email
