"""Row numbers in import errors count rows as a spreadsheet shows them, not physical lines."""

from __future__ import annotations

from imports.parsers.parsing import parse


def test_a_multi_line_note_is_one_row_so_later_errors_name_the_right_row():
    data = (
        b"First Name,Last Name,Email,Notes\r\n"  # row 1
        b'Ada,Lovelace,ada@example.org,"Met at the\r\nanalytical engine\r\nmeetup"\r\n'  # row 2, three lines
        b",,,no name here\r\n"  # row 3 (line 5)
        b"Grace,Hopper,grace@example.org,too,many\r\n"  # row 4 (line 6)
    )

    result = parse(data)

    assert [r.number for r in result.records] == [2]
    assert [(e.number, e.message.split(" (")[0]) for e in result.errors] == [
        (3, "has no name, email address or LinkedIn URL"),
        (4, "has 5 cells but the header has 4"),
    ]
