"""Download everything: from Preferences to a zip file in the browser's downloads."""

from __future__ import annotations

import zipfile

import pytest

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_download_everything_from_preferences(page, live_server, alice, settings, tmp_path):
    from contacts.tests.factories import ContactFactory

    settings.NETWEAVE_BACKUP_DIR = tmp_path / "backups"
    ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.goto(f"{live_server.url}/accounts/preferences/")
    page.get_by_role("button", name="Download everything").click()
    assert page.get_by_role("heading", name="Your backup is ready").is_visible()
    assert serious_accessibility_violations(page) == []
    screenshot(page, "backup-ready")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download the zip file").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name.startswith("netweave-alice-")
    with zipfile.ZipFile(path) as archive:
        assert "Watanabe" in archive.read("contacts.vcf").decode()
