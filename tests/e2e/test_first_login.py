"""A newcomer logs in with the demo login and lands on a dashboard with their network."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_demo_login_reaches_the_dashboard(page, live_server):
    call_command("seed_demo", user="demo", password="demo", contacts=60)

    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    screenshot(page, "login")
    assert serious_accessibility_violations(page) == []

    log_in(page, live_server.url, "demo", "demo")

    assert page.get_by_role("heading", name="Today").is_visible()
    assert "60 people in your network" in page.content()
    screenshot(page, "dashboard")
    assert serious_accessibility_violations(page) == []


def test_the_navigation_collapses_into_a_menu_at_phone_width(page, live_server, alice):
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.set_viewport_size({"width": 375, "height": 812})

    toggle = page.get_by_role("button", name="Toggle navigation")
    assert toggle.is_visible()
    toggle.click()
    page.get_by_role("link", name="Contacts").click()

    assert page.url.endswith("/contacts/")
