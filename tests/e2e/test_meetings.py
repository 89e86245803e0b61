"""Plan an informational interview, write the letter, schedule it, hold it and capture how it went."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from contacts.models import Contact
from contacts.tests.factories import ContactFactory
from meetings.models import Meeting, MeetingState, Search

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_meeting_from_the_first_letter_to_the_last_note(page, live_server, alice):
    alice.time_zone = "America/Denver"
    alice.save(update_fields=["time_zone"])
    referrer = ContactFactory(owner=alice, given_name="Alice", family_name="Smith", company="Acme Corp")
    ken = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Watanabe",
        company="Presbyterian Health",
        title="Program Director",
        emails=["ken@example.org"],
        introduced_by=referrer,
        how_i_can_help="Share my notes on PMP prep.",
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    # Plan: find Ken among the network by typing, then plan the meeting.
    page.goto(f"{live_server.url}/meetings/new/")
    page.get_by_label("Name, company, title or email").fill("watan")
    expect(page.get_by_role("link", name="Plan a meeting with Ken Watanabe")).to_be_visible()
    screenshot(page, "meetings-choose-contact")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name="Plan a meeting with Ken Watanabe").click()
    page.get_by_label("Purpose").select_option("role")
    page.get_by_label("Kind").select_option("coffee")
    page.get_by_label("Place or link").fill("Flying Star Cafe, Nob Hill")
    screenshot(page, "meetings-plan")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", name="Coffee with Ken Watanabe")).to_be_visible()
    meeting = Meeting.objects.get(contact=ken)
    assert meeting.state == MeetingState.IDEA

    # The letter: through the referral, copied and ready for the mail client.
    page.get_by_role("link", name="Letter").click()
    assert page.get_by_label("Subject").input_value() == "Alice suggested I contact you"
    mailto = page.get_by_role("link", name="Open in my mail app").get_attribute("href")
    assert mailto.startswith("mailto:ken@example.org?subject=Alice%20suggested%20I%20contact%20you&body=Dear%20Ken")
    page.get_by_label("Subject").fill("Alice suggested I write: 20 minutes?")
    mailto = page.get_by_role("link", name="Open in my mail app").get_attribute("href")
    assert "subject=Alice%20suggested%20I%20write%3A%2020%20minutes%3F&body=" in mailto
    page.get_by_role("button", name="Copy letter").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    assert "not asking about jobs" in page.evaluate("navigator.clipboard.readText()")
    screenshot(page, "meetings-letter")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Mark letter as sent").click()
    assert "requested" in page.locator(".alert-success").inner_text()

    # They said yes.
    page.get_by_label("Date and time (America/Denver)").fill("2026-03-02T10:00")
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text("Scheduled for Mon 2 Mar 2026, 10:00.")).to_be_visible()
    screenshot(page, "meetings-detail")
    assert serious_accessibility_violations(page) == []

    # Prepare: pick a question, print the prep sheet.
    page.get_by_role("link", name="Choose questions").click()
    page.get_by_role("button", name="What problems do you solve day to day in this role?").click()
    expect(page.get_by_text("Your questions (1)")).to_be_visible()
    screenshot(page, "meetings-questions")
    page.get_by_role("link", name="Prep sheet").click()
    expect(page.get_by_text("What problems do you solve day to day in this role?")).to_be_visible()
    chain = [text.strip() for text in page.locator(".nw-chain li").all_inner_texts()]
    assert chain == ["You", "Alice Smith", "Ken Watanabe"]
    screenshot(page, "meetings-prep")
    assert serious_accessibility_violations(page) == []
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Print").is_visible()
    screenshot(page, "meetings-prep-print")
    page.emulate_media(media="screen")

    # It happened: how did it go?
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_role("heading", name="How did it go with Ken?")).to_be_visible()
    page.get_by_label("Notes", exact=True).fill("Generous with time.")
    page.get_by_label("What I learned").fill("Most openings are filled by referral.")
    page.get_by_label("Find someone else in your network").fill("smith")
    page.get_by_role("button", name="Alice Smith").click()
    expect(page.get_by_role("checkbox", name="Alice Smith")).to_be_checked()
    page.locator("#id_people-0-given_name").fill("Maria")
    page.locator("#id_people-0-family_name").fill("Garcia")
    page.locator("#id_promises-0-text").fill("Send my resume")
    page.locator("#id_promises-0-due_on").fill("2026-03-05")
    page.locator("#id_gave_kind").select_option("resource")
    page.locator("#id_gave_description").fill("Article on agile PMOs")
    screenshot(page, "meetings-how-did-it-go")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Save how it went").click()

    expect(page.get_by_text("Added 1 new person to your network.")).to_be_visible()
    expect(page.get_by_role("link", name="Maria Garcia")).to_be_visible()
    expect(page.locator("#outcome-heading + .card-body").get_by_role("link", name="Alice Smith")).to_be_visible()
    maria = Contact.objects.get(given_name="Maria")
    assert maria.introduced_by == ken
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.HELD and meeting.learned == "Most openings are filled by referral."

    page.goto(f"{live_server.url}/meetings/?show=past")
    screenshot(page, "meetings-list")
    assert serious_accessibility_violations(page) == []


def test_the_meetings_pages_of_a_demo_network_are_accessible(page, live_server):
    call_command("seed_demo", user="demo", password="demo", contacts=120)
    log_in(page, live_server.url, "demo", "demo")
    search = Search.objects.filter(owner__username="demo").open().first()
    assert search is not None

    for name, path in (
        ("meetings-list-demo", "/meetings/"),
        ("meetings-searches", "/meetings/searches/"),
        ("meetings-search-detail", f"/meetings/searches/{search.pk}/"),
        ("meetings-templates", "/meetings/letters/"),
        ("meetings-question-bank", "/meetings/questions/"),
        ("meetings-calendar", "/meetings/calendar/"),
    ):
        page.goto(f"{live_server.url}{path}")
        screenshot(page, name)
        assert serious_accessibility_violations(page) == [], name
