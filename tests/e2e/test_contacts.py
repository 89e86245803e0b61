"""Contacts in a real browser: add someone introduced by a friend, log a touch, see the timeline."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from accounts.models import User
from contacts.models import Contact
from contacts.tests.factories import ContactFactory

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_adding_a_contact_introduced_by_a_friend_then_logging_a_touch(page, live_server, alice):
    ContactFactory(owner=alice, given_name="Alice", family_name="Archer", company="Initech")
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.goto(f"{live_server.url}/contacts/new/")
    page.get_by_label("First name").fill("Ken")
    page.get_by_label("Last name").fill("Watanabe")
    page.get_by_label("Company").fill("Acme Corp")
    page.get_by_label("Introduced by").fill("Alice Archer")
    page.get_by_role("button", name="Save contact").click()

    page.get_by_role("heading", name="Ken Watanabe").wait_for()
    chain = page.get_by_label("Introduction chain")
    assert "You" in chain.inner_text() and "Alice Archer" in chain.inner_text()

    page.get_by_label("Note").fill("Coffee at the Flying Star; he knows the PMO lead at Acme.")
    page.get_by_role("button", name="Log touch").click()

    page.get_by_text("The keep-in-touch clock for Ken starts again.").wait_for()
    timeline = page.get_by_role("region", name="Timeline")
    assert "he knows the PMO lead at Acme" in timeline.inner_text()
    assert Contact.objects.get(given_name="Ken").last_contacted_at is not None
    assert serious_accessibility_violations(page) == []


def test_the_contact_pages_look_right_at_desktop_and_phone_width(page, live_server):
    call_command("seed_demo", user="demo", password="demo", contacts=300)
    user = User.objects.get(username="demo")
    deep = Contact.objects.for_owner(user).filter(introduced_by__introduced_by__isnull=False).first()
    assert deep is not None
    log_in(page, live_server.url, "demo", "demo")

    for name, path in (
        ("contacts-list", "/contacts/"),
        ("contacts-detail", f"/contacts/{deep.pk}/"),
        ("contacts-going-cold", "/contacts/going-cold/"),
        ("contacts-duplicates", "/contacts/duplicates/"),
        ("contacts-form", f"/contacts/{deep.pk}/edit/"),
    ):
        page.goto(f"{live_server.url}{path}")
        screenshot(page, name)
        assert serious_accessibility_violations(page) == [], name
