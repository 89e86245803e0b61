"""A machine without Chromium skips the browser tests with a reason; it never errors."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import browser_missing, require_browser


def test_a_missing_chromium_skips_with_the_reason():
    with pytest.raises(pytest.skip.Exception, match=r"no Chromium at /nonexistent/chromium; as root: scripts/setup"):
        require_browser("/nonexistent/chromium")


def test_a_directory_is_not_a_browser(tmp_path):
    assert browser_missing(str(tmp_path)) == f"no Chromium at {tmp_path}; as root: scripts/setup_machine.sh " + (
        "(or apt-get install chromium)"
    )


def test_an_executable_is_enough(tmp_path):
    chromium = tmp_path / "chromium"
    chromium.write_text("#!/bin/sh\n")
    chromium.chmod(0o755)
    assert browser_missing(str(chromium)) is None
