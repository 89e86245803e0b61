"""Hostile files are refused, or cut, at a named limit; big but honest values are read whole.

Speed itself is measured by bench/parsers_bench.py, never here.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.forms import ColumnsForm
from imports.models import ImportUpload
from imports.parsers.parsing import parse, read_header
from imports.parsers.records import ImportFileError


def soft_break_vcard(breaks: int) -> bytes:
    head = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Doe;Jane\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
    return head + b"ab=\r\n" * breaks + b"ab\r\nEND:VCARD\r\n"


def wide_csv(columns: int) -> bytes:
    header = ",".join(["First Name", "Email", *(f"c{i}" for i in range(columns - 2))])
    return f"{header}\nAda,ada@example.com\n".encode()


def card(name: str, extra: str = "") -> str:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nN:{name};Ann;;;\r\n{extra}EMAIL:{name.lower()}@example.com\r\nEND:VCARD\r\n"


def test_an_860_kb_quoted_printable_value_of_soft_breaks_is_read_whole():
    data = soft_break_vcard(176_000)
    assert len(data) > 860_000

    result = parse(data)

    assert result.errors == []
    assert result.records[0].notes == "ab" * 176_001


def test_a_card_over_the_size_limit_is_left_out_naming_the_limit_and_the_others_kept(settings):
    settings.NETWEAVE_IMPORT_MAX_CARD_CHARS = 4 * 1024
    big = card("Big", extra="NOTE:" + "x" * 70 + "\r\n" + "".join(f" {'y' * 70}\r\n" for _ in range(80)))
    result = parse((card("Small") + big + card("Last")).encode())

    assert [r.family_name for r in result.records] == ["Small", "Last"]
    assert [(e.number, e.message) for e in result.errors] == [
        (2, "is larger than 4 KB, the limit for one card; it was left out")
    ]


def test_a_file_with_more_cards_than_the_limit_is_refused_naming_the_limit(settings):
    settings.NETWEAVE_IMPORT_MAX_CARDS = 3

    with pytest.raises(ImportFileError, match="more than 3 cards; the limit is 3 cards per file"):
        parse("".join(card(f"P{i}") for i in range(4)).encode())


def test_a_value_over_the_line_limit_is_left_out_and_its_card_kept(settings):
    settings.NETWEAVE_IMPORT_MAX_LINE_CHARS = 1024
    result = parse(card("Long", extra="NOTE:" + "z" * 2000 + "\r\n").encode())

    assert result.records[0].family_name == "Long"
    assert result.records[0].notes == ""
    assert [(w.number, w.message) for w in result.warnings] == [
        (1, "was kept without NOTE (longer than 1 KB, the limit for one value)")
    ]


def test_a_csv_header_of_200000_columns_is_refused_naming_the_limit():
    data = wide_csv(200_000)

    with pytest.raises(ImportFileError, match="The file has 200,000 columns; the limit is 500 columns"):
        parse(data)
    with pytest.raises(ImportFileError, match="the limit is 500 columns"):
        read_header(data)


def test_a_csv_header_at_the_limit_is_still_read():
    header, _ = read_header(wide_csv(500))

    assert len(header) == 500


def test_a_csv_value_over_the_value_limit_is_refused_naming_the_limit():
    data = b'First Name,Email,Notes\nAda,ada@example.com,"' + b"x" * 200_000 + b"\n"

    with pytest.raises(ImportFileError, match="Row 2 has a value longer than 128 KB, the limit for one value"):
        parse(data)


def test_the_column_form_never_builds_more_fields_than_the_limit():
    form = ColumnsForm({"column_0": "given_name"}, header=[f"c{i}" for i in range(200_000)], initial_mapping={})

    assert len(form.fields) == 500
    assert not form.is_valid()
    assert "The file has 200,000 columns; the limit is 500 columns." in form.non_field_errors()[0]


@pytest.mark.django_db
def test_uploading_a_csv_of_200000_columns_shows_the_limit_and_keeps_nothing(alice_client):
    response = alice_client.post(
        reverse("imports:upload"), {"file": SimpleUploadedFile("wide.csv", wide_csv(200_000)), "format": "auto"}
    )

    assert response.status_code == 200
    assert "The file has 200,000 columns; the limit is 500 columns." in response.content.decode()
    assert not ImportUpload.objects.exists()
