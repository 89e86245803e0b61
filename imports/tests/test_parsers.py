"""Every parser on realistic exports, on each kind of bad input, and on random bytes."""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts.models import Source
from imports.parsers.parsing import parse
from imports.parsers.records import ImportFileError, linkedin_key

FIXTURES = Path(__file__).parent / "fixtures"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_a_linkedin_export_is_read_past_its_notes_preamble_and_bom():
    result = parse(read("linkedin_connections.csv"))

    assert result.format == "linkedin"
    assert result.encoding == "UTF-8 (with BOM)"
    assert result.errors == []
    ada = result.records[0]
    assert (ada.given_name, ada.family_name) == ("Ada", "Lovelace")
    assert ada.company == "Analytical Engines, Ltd."
    assert ada.title == "Principal Engineer"
    assert ada.linkedin_url == "https://www.linkedin.com/in/ada-lovelace-1815"
    assert ada.emails == []
    assert ada.met_on == date(2024, 3, 5)
    assert ada.source == Source.LINKEDIN
    assert ada.number == 5  # the header is on line 4, after the Notes: paragraph and a blank line
    assert result.records[1].emails == ["grace.hopper@navy.example"]
    assert result.records[4].given_name == "José"


def test_the_current_google_csv_splits_multi_value_cells():
    result = parse(read("google_contacts.csv"))

    assert result.format == "google"
    maria = result.records[0]
    assert maria.emails == ["maria.garcia@globex.example", "maria@garcia.example", "mgarcia@home.example"]
    assert maria.phones == ["+1 555 0101", "+1 555 0102"]
    assert (maria.company, maria.title, maria.location) == ("Globex", "Head of Partnerships", "Springfield")
    assert maria.linkedin_url == "https://www.linkedin.com/in/maria-garcia-globex"
    assert maria.notes == "Met at the SaaS meetup.\nWants intros to fintech people."


def test_the_legacy_google_csv_reads_given_and_family_names():
    result = parse(read("google_contacts_legacy.csv"))

    assert result.format == "google"
    priya = result.records[0]
    assert (priya.given_name, priya.family_name) == ("Priya", "Patel")
    assert priya.emails == ["priya@hooli.example", "priya.patel@personal.example"]
    assert (priya.company, priya.title, priya.website) == ("Hooli", "Director of Product", "https://priya.example")


def test_an_outlook_csv_uses_job_title_not_the_honorific():
    result = parse(read("outlook_contacts.csv"))

    assert result.format == "outlook"
    sofia = result.records[0]
    assert sofia.title == "Procurement Lead"
    assert sofia.company == "Stark Industries"
    assert sofia.phones == ["+39 02 1234 5678", "+39 333 123 4567"]
    assert result.records[1].emails == ["lars.nilsson@wayne.example", "lars@nilsson.example"]


def test_a_windows_1252_export_is_decoded_and_the_encoding_reported():
    result = parse(read("outlook_windows1252.csv"))

    assert result.encoding == "Windows-1252"
    assert result.records[0].given_name == "François"
    assert result.records[0].notes == "Café on Tuesdays – “likes football”"


def test_a_cyrillic_windows_1251_export_is_recognised():
    data = "First Name,Last Name,E-mail Address,Company,Job Title\nИван,Петров,ivan@yandex.example,Яндекс,Инженер\n"
    data += "Мария,Иванова,maria@sber.example,Сбербанк,Аналитик\n"
    result = parse(data.encode("cp1251"))

    assert result.encoding == "Windows-1251 (Cyrillic)"
    assert (result.records[0].given_name, result.records[0].company) == ("Иван", "Яндекс")


def test_latin_1_is_the_last_resort():
    data = "First Name,Last Name,E-mail Address,Company,Job Title\nRen\xe9,M\x81ller,r@x.example,Acme,CEO\n"
    result = parse(data.encode("latin-1"))

    assert result.encoding == "Latin-1 (ISO-8859-1)"
    assert result.records[0].given_name == "René"


def test_utf_8_without_a_bom_is_reported_as_utf_8():
    data = read("linkedin_connections.csv")[len(codecs.BOM_UTF8) :]

    assert parse(data).encoding == "UTF-8"


def test_vcards_of_every_version_are_read_with_their_groups_and_encodings():
    result = parse(read("contacts.vcf"))

    assert result.format == "vcard"
    assert result.unit == "card"
    chidi, jurgen, amara = result.records
    assert chidi.emails == ["chidi@goodplace.example", "chidi.okafor@home.example"]  # item1./item2. groups
    assert chidi.phones == ["+1 (555) 010-2000", "+1 555 010 2001"]
    assert chidi.company == "Good Place University"
    assert chidi.title == "Professor (Philosophy Department)"
    assert chidi.linkedin_url == "https://www.linkedin.com/in/chidi-okafor"
    assert chidi.website == "https://chidi.example"
    assert "folded across several lines" in chidi.notes
    assert chidi.location == "Phoenix, AZ"
    assert (jurgen.given_name, jurgen.family_name) == ("Jürgen", "Müller")  # 2.1 QUOTED-PRINTABLE + CHARSET
    assert jurgen.notes == "Trifft sich gern zum Kaffee, spricht über Elektromobilität und Nachhaltigkeit."
    assert amara.phones == ["+234-803-000-0000"]  # 4.0 tel: URI


def test_a_card_that_cannot_be_read_at_all_is_reported_by_number_and_the_others_kept():
    data = re.sub(rb"N:Broken;Card\r?\n", b"", read("broken_middle_card.vcf"))

    result = parse(data)

    assert [r.given_name for r in result.records] == ["Lena", "Piotr"]
    assert [e.number for e in result.errors] == [2]
    assert "has no name" in result.errors[0].message


def test_a_card_without_an_end_line_is_reported():
    data = b"BEGIN:VCARD\nVERSION:3.0\nFN:A B\nN:B;A;;;\nBEGIN:VCARD\nVERSION:3.0\nN:C;D;;;\nFN:D C\nEND:VCARD\n"
    result = parse(data)

    assert [r.given_name for r in result.records] == ["D"]
    assert result.errors[0].number == 1
    assert "END:VCARD" in result.errors[0].message


def test_a_semicolon_separated_csv_is_read_and_the_delimiter_mentioned():
    result = parse(read("other_semicolon.csv"))

    assert result.format == "csv"
    assert [r.given_name for r in result.records] == ["Hana", "Tom"]
    assert result.records[0].emails == ["hana.sato@keiretsu.example"]
    assert result.records[0].linkedin_url == "https://www.linkedin.com/in/hana-sato"
    assert "semicolons" in result.notices[0]


def test_an_unknown_header_uses_the_mapping_given():
    mapping = {0: "full_name", 1: "email", 2: "company", 3: "title", 4: "notes"}
    result = parse(read("other_custom_header.csv"), format="csv", mapping=mapping)

    ines = result.records[0]
    assert (ines.given_name, ines.family_name, ines.company) == ("Ines", "Duarte", "Lisbon Labs")
    assert ines.emails == ["ines@duarte.example"]
    assert ines.notes == "Web Summit 2024"


def test_ragged_rows_are_reported_by_row_number_and_the_rest_imported():
    result = parse(read("ragged_rows.csv"))

    assert [r.given_name for r in result.records] == ["Ada", "Dan"]
    assert [(e.number, e.message.split(" (")[0]) for e in result.errors] == [
        (3, "has 8 cells but the header has 7"),
        (4, "has 3 cells but the header has 7"),
    ]


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("empty.csv", "The file is empty"),
        ("binary_junk.csv", "not a text file"),
        ("headerless.csv", "Row 1 holds contact data, not column names"),
        ("wrong_delimiter.csv", "No columns were found"),
    ],
)
def test_unusable_files_raise_a_clear_message(fixture, message):
    with pytest.raises(ImportFileError, match=message):
        parse(read(fixture))


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.NETWEAVE_IMPORT_MAX_BYTES = 100

    with pytest.raises(ImportFileError, match="the limit is"):
        parse(read("linkedin_connections.csv"))


def test_a_vcard_forced_as_csv_is_explained():
    with pytest.raises(ImportFileError, match="This is a vCard file"):
        parse(read("contacts.vcf"), format="google")


def test_linkedin_urls_compare_however_they_are_written():
    assert linkedin_key("http://linkedin.com/in/Ada-L/") == linkedin_key("https://www.linkedin.com/in/ada-l?trk=x")
    assert linkedin_key("https://example.com/in/ada") == ""


# --- Property tests: nothing a user can upload makes a parser raise anything but ImportFileError.

FORMATS = ["auto", "linkedin", "google", "outlook", "vcard", "csv"]
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def parses_or_explains(data: bytes, format: str) -> None:
    try:
        result = parse(data, format=format)
    except ImportFileError as error:
        assert str(error)
    else:
        for row_error in result.errors:
            assert row_error.number >= 1 and row_error.message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), format=st.sampled_from(FORMATS))
def test_random_bytes_never_escape_as_an_exception(data, format):
    parses_or_explains(data, format)


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=30)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(cell, max_size=9), max_size=12), format=st.sampled_from(FORMATS))
def test_mangled_linkedin_rows_never_escape_as_an_exception(rows, format):
    body = "\n".join(",".join(cells) for cells in rows)
    parses_or_explains(f"Notes:\n\n{LINKEDIN_HEADER}\n{body}\n".encode(), format)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(cell, max_size=15))
def test_mangled_vcards_never_escape_as_an_exception(lines):
    body = "\r\n".join(lines)
    data = f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}\r\nEND:VCARD\r\nBEGIN:VCARD\r\n{body}\r\nEND:VCARD\r\n"
    parses_or_explains(data.encode(), "auto")


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), cut=st.integers(min_value=0, max_value=1200))
def test_real_exports_cut_and_spliced_with_junk_never_escape(data, cut):
    for name in ("linkedin_connections.csv", "google_contacts.csv", "contacts.vcf", "outlook_contacts.csv"):
        original = read(name)
        parses_or_explains(original[:cut] + data + original[cut:], "auto")
