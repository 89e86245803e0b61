"""A user imports their LinkedIn connections: upload, preview, confirm, and finds them in their contacts."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINKEDIN = (
    Path(__file__).resolve().parents[2] / "contacts" / "tests" / "fixtures" / "imports" / "linkedin_connections.csv"
)


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
    assert page.content().count("Grace Hopper") == 1  # matched by email, not duplicated
