"""The dashboard and insight pages in real Chromium: screenshots and axe-core on each.

The full journey (import -> meetings -> follow-ups -> progress) is written after the
merge; these tests cover the pages themselves, with a demo network and an empty one.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_page(page, live_server):
    call_command("seed_demo", user="demo", password="demo", contacts=300)
    log_in(page, live_server.url, "demo", "demo")
    return page


def test_the_dashboard_with_a_demo_network_is_accessible(demo_page):
    page = demo_page

    assert page.get_by_role("heading", name="Today").is_visible()
    assert page.get_by_role("heading", name="Meetings held per week").is_visible()
    assert page.locator("svg.nw-chart rect.nw-bar").count() == 12
    screenshot(page, "dashboard-demo")
    assert serious_accessibility_violations(page) == []


def test_the_drafted_message_is_one_click_away(demo_page):
    page = demo_page
    draft_button = page.get_by_role("button", name="Draft", exact=False).first

    draft_button.click()

    assert draft_button.get_attribute("aria-expanded") == "true"
    assert page.locator(".nw-draft").first.is_visible()


def test_the_dashboard_of_an_empty_network_is_a_guided_start(page, live_server, alice):
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    assert page.get_by_role("heading", name="Start with the network you already have").is_visible()
    assert page.get_by_role("link", name="Start an import").is_visible()
    screenshot(page, "dashboard-empty")
    assert serious_accessibility_violations(page) == []


def test_who_can_introduce_me_shows_paths_shortest_first(demo_page, live_server):
    page = demo_page
    page.goto(f"{live_server.url}/introductions/")
    page.get_by_label("Who can get me to someone at…").fill("Acme")
    page.get_by_role("button", name="Find a way in").click()

    assert page.get_by_role("heading", name="people match", exact=False).is_visible()
    screenshot(page, "introductions")
    assert serious_accessibility_violations(page) == []


def test_the_introduction_network_picture_has_clickable_nodes(demo_page, live_server):
    page = demo_page
    page.goto(f"{live_server.url}/network/")

    nodes = page.locator("svg.nw-network .nw-node a")
    assert nodes.count() > 20
    screenshot(page, "network")
    assert serious_accessibility_violations(page) == []

    nodes.first.click()
    assert "/contacts/" in page.url


def test_search_everywhere_from_the_keyboard(demo_page, live_server):
    page = demo_page

    page.keyboard.press("/")
    page.keyboard.type("acme")
    page.keyboard.press("Enter")

    page.wait_for_url("**/search/?q=acme")
    assert page.get_by_role("heading", name="Contacts").is_visible()
    page.get_by_label("Search contacts, meetings, searches and follow-ups", exact=True).last.focus()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.hasAttribute('data-search-result')")
    assert focused
    screenshot(page, "search")
    assert serious_accessibility_violations(page) == []
