from __future__ import annotations

from django import forms

from .everywhere import MIN_LENGTH
from .introductions import MatchOn


class IntroductionQueryForm(forms.Form):
    q = forms.CharField(
        label="Who can get me to someone at…",
        max_length=200,
        strip=True,
        widget=forms.TextInput(attrs={"placeholder": "Acme", "autocomplete": "off"}),
    )
    by = forms.ChoiceField(label="Match on", choices=MatchOn.CHOICES, initial=MatchOn.COMPANY, required=False)

    def clean_by(self) -> str:
        return self.cleaned_data.get("by") or MatchOn.COMPANY


class SearchEverywhereForm(forms.Form):
    q = forms.CharField(
        label="Search",
        max_length=200,
        min_length=MIN_LENGTH,
        strip=True,
        error_messages={
            "required": "Type a name, a company or a word to search for.",
            "min_length": f"Type at least {MIN_LENGTH} characters.",
        },
    )
