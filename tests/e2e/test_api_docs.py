"""The API docs (Swagger UI) in real Chromium, under the app's real Content-Security-Policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import ConsoleMessage

from accounts.tests.factories import UserFactory

from .conftest import DESKTOP, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_swagger_ui_renders_with_no_csp_violation(browser, live_server):
    UserFactory(username="ada", password="correct horse battery staple")
    # No bypass_csp here: the page must work under the policy the app sends.
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    problems: list[str] = []

    def console_error(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(message.text)

    page.on("console", console_error)
    page.on("pageerror", lambda error: problems.append(str(error)))

    def request_failed(request) -> None:
        # A load the browser dropped because the page navigated on (the log-in page's
        # favicon, cut off by the redirect) is no failure of the docs page.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"failed: {request.url} ({request.failure})")

    page.on("requestfailed", request_failed)
    try:
        log_in(page, live_server.url, "ada", "correct horse battery staple")
        page.goto(f"{live_server.url}/api/v1/docs/")
        page.wait_for_selector(".swagger-ui .info .title")
        assert "netweave API" in page.inner_text(".swagger-ui .info .title")
        page.wait_for_selector("#operations-contacts-contacts_list")
        assert not any(
            not url.startswith(live_server.url)
            for url in page.evaluate("() => performance.getEntriesByType('resource').map(e => e.name)")
        )
        assert problems == []
    finally:
        context.close()
