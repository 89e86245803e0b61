"""Real headless Chromium (Debian's package) driven by Playwright against a live server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from shutil import which

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# fixtures in the same thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# NETWEAVE_CHROMIUM (or the older CHROMIUM_PATH) points elsewhere, or at /nonexistent to try a bare machine.
CHROMIUM = os.environ.get("NETWEAVE_CHROMIUM") or os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
INSTALL_HINT = "as root: scripts/setup_machine.sh (or apt-get install chromium)"
DESKTOP: ViewportSize = {"width": 1366, "height": 900}
PHONE: ViewportSize = {"width": 375, "height": 812}


def browser_missing(chromium: str = CHROMIUM) -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    path = Path(chromium) if os.sep in chromium else Path(which(chromium) or chromium)
    if not (path.is_file() and os.access(path, os.X_OK)):
        return f"no Chromium at {chromium}; {INSTALL_HINT}"
    try:
        from playwright._impl._driver import compute_driver_executable

        driver = compute_driver_executable()
    except ImportError:  # a private module: if it moves, let the launch itself tell
        return None
    node = Path(driver[0] if isinstance(driver, tuple) else driver)
    if not node.is_file():
        return f"Playwright's driver is missing ({node}); reinstall playwright (make install)"
    return None


def require_browser(chromium: str = CHROMIUM) -> None:
    """Skip (never error) when the browser is not installed: a fresh machine still runs the rest."""
    reason = browser_missing(chromium)
    if reason:
        pytest.skip(reason)


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture: the live server and the database are not worth starting without a browser.
    require_browser()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    # bypass_csp lets the test inject axe-core; the app's own pages never need it.
    context = browser.new_context(viewport=DESKTOP, bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def log_in(page: Page, base_url: str, username: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/")


def screenshot(page: Page, name: str) -> list[Path]:
    """Save the page at desktop and at 375 px wide; returns the two PNG paths."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    paths = []
    for label, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    page.set_viewport_size(DESKTOP)
    return paths


def serious_accessibility_violations(page: Page) -> list[dict]:
    """Run axe-core on the current page; return its serious and critical violations.

    Transitions are switched off first: a button still fading into its hover or
    "Copied" colours (0.15 s) has in-between colours, and axe failed such a
    button's contrast now and then.
    """
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"][:5]]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
