"""The whole product as a user lives it, in real Chromium, through the UI only.

Import a LinkedIn export, add someone one of them introduced, meet them for a search,
close the loops the meeting opens, end the search with an outcome, tell everyone who
helped, and see the progress on the dashboard. Nothing is frozen: the meeting is
scheduled two hours ago in the user's own time zone, so it can be marked as held now.
The ORM only sets up the user and double-checks the state at the end.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from contacts.models import Contact
from followups.models import FollowUp, FollowUpKind, FollowUpState
from meetings.models import Meeting, MeetingState, Search

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINKEDIN = Path(__file__).resolve().parents[2] / "imports" / "tests" / "fixtures" / "linkedin_connections.csv"
TIME_ZONE = "America/Denver"
SEARCH = "Program manager in Albuquerque"
OUTCOME = "I accepted a program-manager role at Presbyterian Health"


def check_page(page: Page, name: str) -> None:
    """A main page of the journey: saved at desktop and phone width, and clean under axe-core."""
    screenshot(page, f"journey-{name}")
    assert serious_accessibility_violations(page) == [], name


def test_from_a_linkedin_import_to_a_closed_search_and_the_progress_it_made(page, live_server, alice):
    alice.time_zone = TIME_ZONE
    alice.save(update_fields=["time_zone"])
    base = live_server.url
    log_in(page, base, "alice", "correct horse battery staple")

    # An empty network: the dashboard's guided start leads to the import.
    expect(page.get_by_role("heading", name="Start with the network you already have")).to_be_visible()
    page.get_by_role("link", name="Start an import").click()

    # Import: upload, preview (a dry run), confirm.
    page.get_by_label("Export file").set_input_files(str(LINKEDIN))
    page.get_by_role("button", name="Preview the import").click()
    expect(page.get_by_role("heading", name="Preview your import")).to_be_visible()
    expect(page.get_by_text("Analytical Engines, Ltd.").first).to_be_visible()
    check_page(page, "import-preview")
    page.get_by_role("button", name="Confirm and import").click()
    expect(page.get_by_role("heading", name="Import complete")).to_be_visible()

    # The imported people are in the contacts list.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Contacts").click()
    expect(page.get_by_role("link", name="Ada Lovelace")).to_be_visible()
    expect(page.get_by_role("link", name="Katherine Johnson")).to_be_visible()
    check_page(page, "contacts-list")

    # Add Ken, introduced by Ada: the picker suggests her as she is typed.
    page.get_by_role("link", name="Add contact").click()
    page.wait_for_load_state()  # the picker's type-ahead script listens once the page has loaded
    page.get_by_label("First name").fill("Ken")
    page.get_by_label("Last name").fill("Watanabe")
    page.get_by_label("Company").fill("Presbyterian Health")
    page.get_by_label("Emails").fill("ken@example.org")
    picker = page.get_by_label("Introduced by")
    picker.press_sequentially("Lovel")
    suggestion = page.locator(f"#{picker.get_attribute('list')} option")
    expect(suggestion).to_have_count(1)
    picker.fill(suggestion.get_attribute("value"))
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_role("heading", name="Ken Watanabe")).to_be_visible()
    expect(page.get_by_label("Introduction chain")).to_contain_text("Ada Lovelace")
    check_page(page, "contact-detail")

    # A search gives the meeting its purpose.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    page.get_by_role("navigation", name="Meetings sections").get_by_role("link", name="Searches").click()
    page.get_by_role("link", name="Start a search").first.click()
    page.get_by_label("Title").fill(SEARCH)
    page.get_by_label("What I'm looking for").fill("A program-manager role in a hospital, ideally with a PMO.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=SEARCH)).to_be_visible()

    # Plan a coffee with Ken, found by typing part of his name, as part of the search.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Plan a meeting").first.click()
    page.wait_for_load_state()  # the type-ahead script listens once the page has loaded
    page.get_by_label("Name, company, title or email").fill("watan")
    page.get_by_role("link", name="Plan a meeting with Ken Watanabe").click()
    page.get_by_label("Purpose").select_option("role")
    page.get_by_label("Kind").select_option("coffee")
    page.get_by_label("Place or link").fill("Flying Star Cafe, Nob Hill")
    page.get_by_label("Part of a search").select_option(label=SEARCH)
    page.get_by_role("button", name="Plan the meeting").click()
    expect(page.get_by_role("heading", name="Coffee with Ken Watanabe")).to_be_visible()

    # The letter goes out through Ada's introduction.
    page.get_by_role("link", name="Letter").click()
    expect(page.get_by_label("Subject")).to_have_value("Ada suggested I contact you")
    page.get_by_role("button", name="Mark letter as sent").click()
    expect(page.locator(".alert-success")).to_contain_text("requested")

    # He said yes; it was two hours ago, in Alice's time zone.
    starts = (timezone.now() - timedelta(hours=2)).astimezone(ZoneInfo(TIME_ZONE))
    page.get_by_label(f"Date and time ({TIME_ZONE})").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Schedule", exact=True).click()
    expect(page.get_by_text(f"Scheduled for {starts:%a} {starts.day} {starts:%b %Y, %H:%M}.")).to_be_visible()
    check_page(page, "meeting-detail")

    # It happened: mark it as held and say how it went.
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_role("heading", name="How did it go with Ken?")).to_be_visible()
    page.get_by_label("Notes", exact=True).fill("Generous with his time.")
    page.get_by_label("What I learned").fill("Most openings at the hospital are filled by referral.")
    page.get_by_role("button", name="Save how it went").click()
    expect(page.get_by_role("heading", name="Coffee with Ken Watanabe")).to_be_visible()

    # The meeting opened two loops: thank Ken, and thank Ada who introduced him.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Follow-ups").click()
    thank_ken = page.get_by_role("link", name="Send Ken Watanabe a thank-you note")
    expect(thank_ken).to_be_visible()
    expect(page.get_by_role("link", name="Thank Ada Lovelace: you met Ken Watanabe")).to_be_visible()
    # The "we have a meeting set up" note Ada never got is out of date now: skipped, not due.
    closed = page.get_by_role("region", name="Done and skipped")
    expect(closed).to_contain_text("Tell Ada Lovelace you have a meeting with Ken Watanabe")
    expect(closed).to_contain_text("skipped")
    check_page(page, "followups-list")
    page.get_by_role("listitem").filter(has=thank_ken).get_by_role("button", name="Done").click()
    expect(page.get_by_text("Done: Send Ken Watanabe a thank-you note.")).to_be_visible()
    expect(closed).to_contain_text("Send Ken Watanabe a thank-you note")

    # The dashboard still asks for the referrer's thank-you.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("region", name="Today")).to_contain_text("Thank Ada Lovelace: you met Ken Watanabe")

    # The search ends well: close it with its outcome.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    page.get_by_role("navigation", name="Meetings sections").get_by_role("link", name="Searches").click()
    page.get_by_role("link", name=SEARCH).click()
    page.get_by_role("link", name="Close with an outcome").click()
    page.get_by_label("Outcome").fill(OUTCOME)
    page.get_by_role("button", name="Close the search").click()

    # End the suspense: everyone who helped is proposed an outcome report.
    expect(page.get_by_role("heading", name="End the suspense")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Ken Watanabe")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Ada Lovelace")).to_be_checked()
    check_page(page, "outcome-review")
    page.get_by_role("button", name="Add the ticked reports to my follow-ups").click()
    expect(page.get_by_text("2 outcome reports added to your follow-ups.")).to_be_visible()
    expect(page.get_by_role("link", name="Tell Ada Lovelace how the search ended")).to_be_visible()

    # The dashboard shows the progress: one meeting held, one thank-you sent on time.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Dashboard").click()
    progress = page.get_by_role("region", name="Progress")
    expect(progress.locator("figure", has_text="Meetings held per week")).to_contain_text("1 held in 12 weeks")
    expect(progress.locator("figure", has_text="Thank-yous on time")).to_contain_text("100% of 1 sent by the due date")
    expect(progress.locator("figure", has_text="Outreach to meeting")).to_contain_text("100% of 1 request")
    check_page(page, "dashboard")

    # The meeting, now in the past, on the meetings list.
    page.get_by_role("navigation", name="Main navigation").get_by_role("link", name="Meetings").click()
    page.get_by_role("link", name="Past").click()
    expect(page.get_by_role("link", name="Ken Watanabe")).to_be_visible()
    check_page(page, "meetings-list")

    # Double-check what the clicks left behind.
    ken = Contact.objects.get(owner=alice, given_name="Ken")
    assert ken.introduced_by is not None and ken.introduced_by.full_name == "Ada Lovelace"
    assert Contact.objects.for_owner(alice).count() == 8
    meeting = Meeting.objects.get(contact=ken)
    assert meeting.state == MeetingState.HELD
    assert meeting.search is not None and meeting.search.title == SEARCH
    assert meeting.starts_at is not None and meeting.held_at is not None
    assert meeting.starts_at <= meeting.held_at <= timezone.now()
    search = Search.objects.get(owner=alice)
    assert search.outcome == OUTCOME and not search.is_open
    thank_you = FollowUp.objects.for_owner(alice).get(kind=FollowUpKind.THANK_YOU)
    assert thank_you.contact == ken and thank_you.state == FollowUpState.DONE
    ada = ken.introduced_by
    referrer_thanks = FollowUp.objects.for_owner(alice).filter(kind=FollowUpKind.THANK_REFERRER, contact=ada)
    assert sorted(referrer_thanks.values_list("state", flat=True)) == [FollowUpState.OPEN, FollowUpState.SKIPPED]
    reports = FollowUp.objects.for_owner(alice).filter(kind=FollowUpKind.OUTCOME_REPORT)
    assert sorted(reports.values_list("state", flat=True)) == [FollowUpState.OPEN, FollowUpState.OPEN]
