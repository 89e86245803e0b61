"""A date the importer cannot read is left out and named in the preview with its row, never dropped silently."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contacts.models import Contact
from imports.models import ImportUpload
from imports.parsers.parsing import parse

LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
LINKEDIN = (
    LINKEDIN_HEADER
    + "Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,14 Nov 2025\n"
    + "Hans,Weber,https://www.linkedin.com/in/hans,hans@example.de,Acme,PM,not a date\n"
).encode()


def test_a_linkedin_row_with_an_unreadable_date_is_kept_and_named_with_its_row():
    result = parse(LINKEDIN)

    assert result.errors == []
    assert [r.met_on for r in result.records] == [date(2025, 11, 14), None]
    assert [(w.number, w.message) for w in result.warnings] == [
        (3, 'was kept without Connected On ("not a date" is not a date; write it like 2024-03-05)')
    ]


def test_any_csv_names_its_own_date_column():
    result = parse(b"Name,Email,Date met\nKen Sato,ken@example.com,31 Feb 2024\n")

    assert result.records[0].met_on is None
    assert [(w.number, w.message) for w in result.warnings] == [
        (2, 'was kept without Date met ("31 Feb 2024" is not a date; write it like 2024-03-05)')
    ]


def test_a_blank_date_is_no_warning():
    result = parse(LINKEDIN_HEADER.encode() + b"Ada,Lovelace,https://www.linkedin.com/in/ada,,Engines,Engineer,\n")

    assert result.warnings == [] and result.records[0].met_on is None


@pytest.mark.parametrize(
    "content",
    [
        # Google and Outlook exports: no column of theirs is read as a date, so none can be dropped.
        b"Name,Given Name,Family Name,Birthday,E-mail 1 - Value\nKen Sato,Ken,Sato,not a date,ken@example.com\n",
        b"First Name,Last Name,E-mail Address,Company,Birthday\nKen,Sato,ken@example.com,Acme,not a date\n",
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ken Sato\r\nBDAY:not a date\r\nEND:VCARD\r\n",
    ],
    ids=["google", "outlook", "vcard"],
)
def test_the_other_formats_read_no_date_to_drop(content):
    result = parse(content)

    assert result.format in ("google", "outlook", "vcard")
    assert result.records and all(r.met_on is None for r in result.records)


@pytest.mark.django_db
def test_the_preview_page_names_the_row_and_shows_met_on_as_a_date(alice_client, alice):
    response = alice_client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("Connections.csv", LINKEDIN), "format": "auto"}
    )
    upload = ImportUpload.objects.get(owner=alice)
    assert response.url == reverse("imports:preview", args=[upload.pk])

    content = alice_client.get(response.url).content.decode()

    assert "Rows imported with something left out" in content
    assert "<strong>Row 3</strong> was kept without Connected On (&quot;not a date&quot; is not a date" in content
    assert "14 Nov 2025" in content and "2025-11-14" not in content
    assert not Contact.objects.exists()  # still a dry run
