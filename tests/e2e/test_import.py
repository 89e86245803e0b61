"""A user imports their LinkedIn connections: upload, preview, confirm, and finds them in their contacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from contacts.models import Contact

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINKEDIN = Path(__file__).resolve().parents[2] / "imports" / "tests" / "fixtures" / "linkedin_connections.csv"


def test_importing_a_linkedin_export_from_upload_to_contacts(page, live_server, alice):
    from contacts.tests.factories import ContactFactory

    ContactFactory(
        owner=alice, given_name="Grace", family_name="Hopper", emails=["grace.hopper@navy.example"], title=""
    )
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.get_by_role("link", name="Import").first.click()
    assert page.get_by_role("heading", name="Import your network").is_visible()
    screenshot(page, "import-upload")
    assert serious_accessibility_violations(page) == []

    page.get_by_label("Export file").set_input_files(str(LINKEDIN))
    page.get_by_role("button", name="Preview the import").click()

    assert page.get_by_role("heading", name="Preview your import").is_visible()
    assert "This is a dry run" in page.content()
    assert "Analytical Engines, Ltd." in page.content()
    screenshot(page, "import-preview")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name="Confirm and import").click()

    assert page.get_by_role("heading", name="Import complete").is_visible()
    assert "Katherine Johnson" in page.content()
    screenshot(page, "import-summary")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Import history").first.click()
    assert page.get_by_role("heading", name="Import history").is_visible()
    screenshot(page, "import-history")
    assert serious_accessibility_violations(page) == []

    page.goto(f"{live_server.url}/contacts/")
    assert "Ada Lovelace" in page.content()
    assert "Grace Hopper" in page.content()
    # Matched by email, not duplicated (the row's checkbox label names her too, so count links).
    assert page.get_by_role("link", name="Grace Hopper", exact=True).count() == 1
    assert Contact.objects.for_owner(alice).filter(family_name="Hopper").count() == 1


def test_a_large_file_shows_progress_and_moves_on_by_itself(page, live_server, alice, settings):
    # No worker runs here: the progress page's own polls pick the job up after a second
    # (it is queued as "large", then found small enough for the web process to finish).
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 0
    settings.NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = 1
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.goto(f"{live_server.url}/contacts/import/")
    page.get_by_label("Export file").set_input_files(str(LINKEDIN))
    page.get_by_role("button", name="Preview the import").click()

    assert page.get_by_role("progressbar", name="Import progress").is_visible()
    screenshot(page, "import-progress")
    assert serious_accessibility_violations(page) == []
    settings.NETWEAVE_IMPORT_INLINE_BYTES = 512 * 1024

    page.wait_for_url("**/preview/")
    assert page.get_by_role("heading", name="Preview your import").is_visible()


def test_staff_import_for_a_user_from_the_admin(page, live_server, alice):
    from accounts.tests.factories import UserFactory

    UserFactory(username="admin", is_staff=True, is_superuser=True)
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/contacts/contact/")
    page.get_by_role("link", name="Import contacts").click()

    page.get_by_label("Import into the network of").select_option(label=str(alice))
    page.get_by_label("Export file").set_input_files(str(LINKEDIN))
    screenshot(page, "admin-import-upload")
    page.get_by_role("button", name="Preview the import").click()
    assert "7 new" in page.content()
    screenshot(page, "admin-import-preview")
    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_url("**/admin/contacts/importrun/*/change/")

    assert "Imported linkedin_connections.csv: 7 new" in page.content()


def test_another_csv_goes_through_the_column_step(page, live_server, alice):
    other = LINKEDIN.parent / "other_custom_header.csv"
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.goto(f"{live_server.url}/contacts/import/")
    page.get_by_label("Export file").set_input_files(str(other))
    page.get_by_role("button", name="Preview the import").click()

    assert page.get_by_role("heading", name="Which column is what?").is_visible()
    page.get_by_label("Reached at").select_option("email")
    page.get_by_label("What they do").select_option("title")
    screenshot(page, "import-columns")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Preview the import").click()

    assert page.get_by_role("heading", name="Preview your import").is_visible()
    assert page.get_by_role("cell", name="ines@duarte.example").is_visible()  # <wbr> between its parts
