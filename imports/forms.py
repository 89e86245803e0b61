"""Forms of the import flow, shared by the app pages and the admin page."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from .parsers.decoding import check_size, max_bytes
from .parsers.parsing import FORMATS
from .parsers.records import ImportFileError
from .parsers.tables import FIELDS
from .pipeline import ACTIONS, DEFAULT_ACTIONS, Decisions


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Export file",
        help_text="LinkedIn Connections.csv, a Google or Outlook CSV export, a vCard (.vcf) file or any CSV.",
        error_messages={"empty": "The file is empty. Export your contacts again and upload the file it gives you."},
    )
    format = forms.ChoiceField(
        label="Format",
        choices=list(FORMATS.items()),
        initial="auto",
        help_text="Leave on detect unless it guesses wrong.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_size(upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        if upload.size == 0:
            raise forms.ValidationError(
                "The file is empty. Export your contacts again and upload the file it gives you."
            )
        return upload

    def read(self) -> bytes:
        upload = self.cleaned_data["file"]
        # One more byte than allowed is enough to know the file is too big.
        return upload.read(max_bytes() + 1)


class AdminUploadForm(UploadForm):
    owner = forms.ModelChoiceField(
        label="Import into the network of",
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
    )

    field_order = ["owner", "file", "format"]


class ColumnsForm(forms.Form):
    """One choice per CSV column: which contact field it feeds (or none)."""

    def __init__(
        self, *args, header: list[str], initial_mapping: dict[int, str], sample: list[list[str]] | None = None, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        # Never one form field per column of a hostile header: the fields stop at the limit.
        self.max_columns = settings.NETWEAVE_IMPORT_MAX_COLUMNS
        self.column_count = len(header)
        self.header = header[: self.max_columns]
        self.sample = sample or []
        choices = [("", "Leave out"), *FIELDS.items()]
        for index, name in enumerate(self.header):
            self.fields[f"column_{index}"] = forms.ChoiceField(
                label=name or f"Column {index + 1}",
                choices=choices,
                required=False,
                initial=initial_mapping.get(index, ""),
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )

    def clean(self):
        cleaned = super().clean()
        if self.column_count > self.max_columns:
            raise forms.ValidationError(
                f"The file has {self.column_count:,} columns; the limit is {self.max_columns:,} columns. "
                "Remove the columns you do not need and upload it again."
            )
        mapping = self.mapping()
        targets = set(mapping.values())
        if not targets & {"given_name", "family_name", "full_name", "email", "linkedin_url"}:
            raise forms.ValidationError("Choose at least one column for a name, an email address or a LinkedIn URL.")
        for target in ("given_name", "family_name", "full_name", "company", "title", "location", "linkedin_url"):
            if list(mapping.values()).count(target) > 1:
                raise forms.ValidationError(f"Only one column can be “{FIELDS[target]}”.")
        return cleaned

    def mapping(self) -> dict[int, str]:
        columns = {index: self.cleaned_data.get(f"column_{index}") for index in range(len(self.header))}
        return {index: target for index, target in columns.items() if target}

    def rows(self):
        """(bound field, column name, first values) for each column."""
        return [
            (
                self[f"column_{index}"],
                name,
                ", ".join(row[index] for row in self.sample if index < len(row) and row[index])[:120],
            )
            for index, name in enumerate(self.header)
        ]


class ConfirmForm(forms.Form):
    """The default for every match, plus a choice per listed match (``choice_<row>``)."""

    # Not required: with no matches in the file the page does not show it.
    default = forms.ChoiceField(
        label="For people already in your network",
        choices=list(DEFAULT_ACTIONS.items()),
        initial="update",
        required=False,
    )

    def __init__(self, *args, matches: list[dict], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.matches = matches
        for match in matches:
            self.fields[f"choice_{match['number']}"] = forms.ChoiceField(
                label=f"{match['name']} (row {match['number']})",
                choices=list(ACTIONS.items()),
                initial=match["action"],
                required=False,
            )

    def decisions(self) -> Decisions:
        default = self.cleaned_data.get("default") or "update"
        choices = {}
        for match in self.matches:
            choice = self.cleaned_data.get(f"choice_{match['number']}")
            # A row left on its pre-filled value follows the default for all.
            if choice and choice != match["action"]:
                choices[match["number"]] = choice
        return Decisions(default=default, choices=choices)

    def match_rows(self):
        return [(match, self[f"choice_{match['number']}"]) for match in self.matches]
