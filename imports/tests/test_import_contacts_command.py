"""``manage.py import_contacts``: the same importer from the command line."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from contacts.models import Contact, ImportRun

FIXTURES = Path(__file__).parent / "fixtures"

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("import_contacts", *args, stdout=out)
    return out.getvalue().strip().splitlines()


def test_importing_a_linkedin_export_ends_with_the_counts(alice):
    lines = run(str(FIXTURES / "linkedin_connections.csv"), "--owner", "alice")

    assert lines[-1] == "created=7 updated=0 skipped=0 errors=0"
    assert "Format: linkedin; encoding: UTF-8 (with BOM)." in lines
    assert Contact.objects.filter(owner=alice).count() == 7
    assert ImportRun.objects.get(owner=alice).file_name == "linkedin_connections.csv"


def test_running_it_twice_creates_nothing_the_second_time(alice):
    run(str(FIXTURES / "linkedin_connections.csv"), "--owner", "alice")

    assert (
        run(str(FIXTURES / "linkedin_connections.csv"), "--owner", "alice")[-1]
        == "created=0 updated=0 skipped=7 errors=0"
    )


def test_a_dry_run_writes_nothing(alice):
    lines = run(str(FIXTURES / "google_contacts.csv"), "--owner", "alice", "--dry-run")

    assert lines[-1] == "created=2 updated=0 skipped=0 errors=0"
    assert "Dry run: nothing was written." in lines
    assert not Contact.objects.exists() and not ImportRun.objects.exists()


def test_row_errors_are_listed_by_number(alice):
    lines = run(str(FIXTURES / "ragged_rows.csv"), "--owner", "alice")

    assert "Row 3 has 8 cells but the header has 7 (a comma inside an unquoted value?)." in lines
    assert lines[-1] == "created=2 updated=0 skipped=0 errors=2"


def test_a_vcard_property_left_out_is_reported_by_card(alice):
    lines = run(str(FIXTURES / "broken_middle_card.vcf"), "--owner", "alice", "--format", "vcard")

    assert any(line.startswith("Card 2 was kept without EMAIL (it could not be read)") for line in lines)
    assert lines[-1] == "created=3 updated=0 skipped=0 errors=0"


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("binary_junk.csv", "not a text file"),
        ("empty.csv", "The file is empty"),
        ("headerless.csv", "no header row"),
        ("missing.csv", "Cannot read"),
    ],
)
def test_an_unusable_file_fails_clearly_and_writes_nothing(alice, fixture, message):
    with pytest.raises(CommandError, match=message):
        run(str(FIXTURES / fixture), "--owner", "alice")

    assert not Contact.objects.exists() and not ImportRun.objects.exists()


def test_an_unknown_owner_is_an_error(db):
    with pytest.raises(CommandError, match="No user called 'nobody'"):
        run(str(FIXTURES / "linkedin_connections.csv"), "--owner", "nobody")


def test_a_failure_exits_non_zero_from_the_shell(alice, tmp_path):
    from django.core.management import ManagementUtility

    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_contacts", str(junk), "--owner", "alice"]).execute()

    assert exit_info.value.code == 1
