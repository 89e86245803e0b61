from __future__ import annotations

from django import forms


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="What it is for, e.g. “weekly export script”.")
    access = forms.ChoiceField(
        choices=[("read_write", "Read and write"), ("read_only", "Read only")],
        initial="read_only",
        widget=forms.RadioSelect,
    )
