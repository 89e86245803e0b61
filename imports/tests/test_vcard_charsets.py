"""vCard values in legacy code pages, and cards that keep what can be read when one property cannot."""

from __future__ import annotations

from pathlib import Path

from imports.parsers.parsing import parse

FIXTURES = Path(__file__).parent / "fixtures"


def test_an_outlook_desktop_card_in_windows_1252_keeps_its_quoted_printable_values():
    result = parse((FIXTURES / "outlook_windows1252.vcf").read_bytes())

    assert result.errors == []
    assert result.warnings == []
    jorg, renee = result.records
    assert (jorg.given_name, jorg.family_name) == ("Jörg", "Schäfer")
    assert jorg.company == "Müller & Söhne GmbH"
    assert jorg.location == "München, Bayern"  # ADR;ENCODING=QUOTED-PRINTABLE with =DF and =FC
    assert jorg.notes == "Kennt den Geschäftsführer von Siemens. Mag Weißwurst.\nZweite Zeile."
    assert jorg.emails == ["joerg@schaefer.example"]


def test_a_charset_that_does_not_fit_the_bytes_falls_back_to_windows_1252():
    renee = parse((FIXTURES / "outlook_windows1252.vcf").read_bytes()).records[1]

    assert renee.notes == "Café crème après la réunion"  # declared utf-8, written in cp1252


def test_quoted_printable_bytes_in_an_ascii_file_without_a_charset_are_read_as_windows_1252():
    data = b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Stra=DFer;Lea\r\nLABEL;ENCODING=QUOTED-PRINTABLE:Gro=DFe Gasse 1\r\n"
    data += b"NOTE;QUOTED-PRINTABLE:Gr=FC=DFe\r\nEND:VCARD\r\n"

    result = parse(data)

    assert result.errors == []
    assert result.records[0].notes == "Grüße"


def test_a_card_with_unreadable_properties_is_kept_and_they_are_named():
    result = parse((FIXTURES / "broken_middle_card.vcf").read_bytes())

    assert [r.given_name for r in result.records] == ["Lena", "Card", "Piotr"]
    assert result.errors == []
    [warning] = result.warnings
    assert warning.number == 2
    assert "EMAIL (it could not be read)" in warning.message
    assert "“THIS IS NOT A PROPERTY LINE”" in warning.message
