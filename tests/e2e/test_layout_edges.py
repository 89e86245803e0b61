"""Layout at the widths people use: the nav search at 1024 px, a contact and the list on a phone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db.models import Count

from accounts.models import User
from contacts.models import Contact
from contacts.tests.factories import ContactFactory, ContactLinkFactory, InteractionFactory, LedgerEntryFactory
from followups.tests.factories import FollowUpFactory
from meetings.models import Meeting, MeetingState
from meetings.tests.factories import MeetingFactory

from .conftest import SCREENSHOTS, log_in, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}
SMALL_LAPTOP = {"width": 1024, "height": 768}


def shoot(page, name: str) -> None:
    """The whole page, and what the first screen shows."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-first-screen.png"))


@pytest.fixture
def demo(page, live_server) -> User:
    call_command("seed_demo", user="demo", password="demo", contacts=80)
    log_in(page, live_server.url, "demo", "demo")
    return User.objects.get(username="demo")


def busiest_contact(user: User) -> Contact:
    """The contact with the most on their page: follow-ups, touches and meetings above the quick actions."""
    busiest = (
        Contact.objects.for_owner(user)
        .annotate(n=Count("followups", distinct=True) + Count("interactions", distinct=True))
        .order_by("-n", "id")
        .first()
    )
    assert busiest is not None
    return busiest


def test_the_nav_search_keeps_a_usable_width_on_a_small_laptop(page, live_server, demo):
    for width in (992, 1024, 1100, 1200):
        page.set_viewport_size({"width": width, "height": 768})
        page.goto(f"{live_server.url}/")
        box = page.locator("#nav-search").bounding_box()
        assert box is not None and box["width"] >= 160, (width, box)
        # Nothing in the bar wraps onto a second line.
        assert page.locator(".nw-navbar").bounding_box()["height"] < 80, width
    page.set_viewport_size(SMALL_LAPTOP)
    page.goto(f"{live_server.url}/")
    shoot(page, "edges-dashboard-1024")


def test_on_a_phone_log_touch_is_near_the_top_of_a_contact(page, live_server, demo):
    contact = busiest_contact(demo)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/contacts/{contact.pk}/")

    button = page.get_by_role("button", name="Log touch")
    top = button.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    shoot(page, "edges-contact-375")
    assert top < 900, top
    assert serious_accessibility_violations(page) == []
    page.set_viewport_size(SMALL_LAPTOP)
    shoot(page, "edges-contact-1024")


def test_on_a_phone_the_contact_filters_fold_away_and_people_come_first(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/contacts/")

    first_row = page.locator(".nw-contact-table tbody tr").first
    top = first_row.evaluate("el => el.getBoundingClientRect().top + window.scrollY")
    assert top < PHONE["height"], top
    assert not page.get_by_label("Where you met").is_visible()
    shoot(page, "edges-contacts-375")

    page.get_by_role("button", name="Filters").click()
    page.get_by_label("Where you met").wait_for(state="visible")
    shoot(page, "edges-contacts-375-filters-open")
    assert serious_accessibility_violations(page) == []

    page.set_viewport_size(SMALL_LAPTOP)
    page.goto(f"{live_server.url}/contacts/")
    assert page.get_by_label("Where you met").is_visible()  # no button needed on a wide screen
    assert not page.get_by_role("button", name="Filters").is_visible()
    shoot(page, "edges-contacts-1024")


@pytest.mark.parametrize("path, nav", [("/meetings/?show=all", "Meetings sections"), ("/contacts/", "Network views")])
def test_on_a_phone_lists_fit_the_screen_and_every_section_link_shows(page, live_server, demo, path, nav):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{path}")

    # Nothing scrolls sideways: not the page, not a table, not the section links.
    overflowing = page.evaluate(
        """() => [document.documentElement, ...document.querySelectorAll('.table-responsive, nav ul, nav.nav')]
            .filter(el => el.scrollWidth > el.clientWidth + 1).map(el => el.className || el.tagName)"""
    )
    assert overflowing == []
    for link in page.get_by_role("navigation", name=nav).get_by_role("link").all():
        box = link.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.inner_text()
    shoot(page, f"edges-{path.strip('/').split('/')[0]}-375-sections")


def test_on_a_phone_each_meeting_still_says_its_state(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/meetings/?show=all")

    rows = page.locator("table tbody tr")
    assert rows.count() > 0
    for row in rows.all():
        badges = [b for b in row.locator(".badge").all() if b.is_visible()]
        assert len(badges) == 1, row.inner_text()
    page.set_viewport_size(SMALL_LAPTOP)
    assert page.get_by_role("columnheader", name="State").is_visible()


def test_the_preferences_page_suggests_the_browsers_time_zone(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, timezone_id="Asia/Tokyo")
    try:
        page = context.new_page()
        log_in(page, live_server.url, "demo", "demo")
        demo.time_zone = "UTC"
        demo.save(update_fields=["time_zone"])
        page.goto(f"{live_server.url}/accounts/preferences/")

        assert page.get_by_label("Time zone").input_value() == "Asia/Tokyo"
        assert "your browser's time zone" in page.locator("[data-browser-zone-note]").inner_text()
        shoot(page, "edges-preferences")
    finally:
        context.close()


def test_a_meeting_page_offers_hold_only_after_it_starts(page, live_server, demo):
    meeting = Meeting.objects.for_owner(demo).filter(state=MeetingState.SCHEDULED).order_by("-starts_at").first()
    assert meeting is not None
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/")

    assert page.get_by_role("button", name="Mark as held").count() == 0
    shoot(page, "edges-meeting-upcoming")
    page.set_viewport_size(PHONE)
    shoot(page, "edges-meeting-upcoming-375")


def test_a_letter_sent_last_week_is_marked_with_its_own_date(page, live_server, demo):
    meeting = Meeting.objects.for_owner(demo).filter(state=MeetingState.IDEA).order_by("id").first()
    assert meeting is not None
    page.goto(f"{live_server.url}/meetings/{meeting.pk}/letter/")
    shoot(page, "edges-letter")

    # The live server runs on the real clock: a week before the user's today.
    sent_on = datetime.now(ZoneInfo(demo.time_zone)).date() - timedelta(days=7)
    page.get_by_label("Sent on").fill(sent_on.isoformat())
    page.get_by_role("button", name="Mark letter as sent").click()

    page.get_by_text(f"letter sent on {sent_on.day} {sent_on:%b %Y}").wait_for()
    assert meeting is not None
    meeting.refresh_from_db()
    assert meeting.state == MeetingState.REQUESTED
    assert meeting.requested_at is not None
    assert meeting.requested_at.astimezone(ZoneInfo(demo.time_zone)).date() == sent_on


def test_on_a_phone_the_network_picture_keeps_readable_names_and_opens_at_its_centre(page, live_server, demo):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/network/")

    # The page itself never scrolls sideways; the picture pans inside its frame.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    frame = page.locator("[data-centre-scroll]")
    assert frame.evaluate("el => el.scrollWidth > el.clientWidth")
    # Names at a readable size: the whole picture squeezed into the phone drew them at 4 px.
    name_height = page.locator("svg.nw-network .nw-node text").first.evaluate("el => el.getBoundingClientRect().height")
    assert name_height >= 8, name_height
    # It opens on "You", at the centre of the frame.
    centre = page.locator(".nw-centre circle").bounding_box()
    box = frame.bounding_box()
    assert centre is not None and box is not None
    assert abs((centre["x"] + centre["width"] / 2) - (box["x"] + box["width"] / 2)) < 20
    shoot(page, "edges-network-375")


NARROW_PHONE = {"width": 390, "height": 844}

# Overflow of an element past its own box, or past the screen: what a reader sees cut off.
CUT_OFF = """els => els.filter(el => el.scrollWidth > el.clientWidth + 1
    || el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map(el => el.textContent)"""


def test_at_390_px_every_stage_pill_in_the_contact_list_shows_its_whole_label(page, live_server, demo):
    # The longest stage label beside a long unbreakable name: the widest a row gets.
    Contact.objects.for_owner(demo).update(
        stage="acquaintance", given_name="Bartholomew", family_name="Featherstonehaugh"
    )
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/contacts/")

    shoot(page, "edges-contacts-390")

    pills = page.locator(".nw-contact-table tbody .nw-stage")
    assert pills.count() > 0
    assert pills.evaluate_all(CUT_OFF) == []
    assert pills.first.inner_text() == "Acquaintance"
    table = page.locator(".nw-contact-table").locator("xpath=..")
    assert table.evaluate("el => el.scrollWidth <= el.clientWidth + 1")  # nothing hidden sideways


BREAKS = """el => {
    const drawn = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const box = range.getBoundingClientRect();
            if (box.width) drawn.push([node.data[i], Math.round(box.top)]);
        }
    }
    const breaks = [];
    for (let i = 1; i < drawn.length; i++) {
        if (drawn[i][1] !== drawn[i - 1][1]) breaks.push(drawn[i - 1][0] + drawn[i][0]);
    }
    return breaks;
}"""


def test_at_390_px_the_import_preview_breaks_no_email_address_mid_word(page, live_server, alice, tmp_path):
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Hans,Müller-Lüdenscheidt,https://www.linkedin.com/in/hans-ml,hans.mueller-luedenscheidt@example.de,"
        "Deutsche Beispielgesellschaft,Senior Program Manager,14 Nov 2025\n",
        encoding="utf-8",
    )
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/contacts/import/")
    page.get_by_label("Export file").set_input_files(str(export))
    page.get_by_role("button", name="Preview the import").click()
    assert page.get_by_role("heading", name="Preview your import").is_visible()

    shoot(page, "edges-import-preview-390")

    cell = page.get_by_role("cell", name="hans.mueller-luedenscheidt@example.de")
    # The two characters either side of each line break in the cell, read from where each one is drawn.
    breaks = cell.evaluate(BREAKS)
    assert breaks, "the address fits on one line: the column is wider than this test expects"
    # Each break falls between a separator and what follows it ("-l", "t@"), never inside a word ("xa|mp").
    assert all(pair[0] in "@.-" or pair[1] in "@." for pair in breaks), breaks


def test_at_390_px_a_contacts_action_buttons_share_one_line(page, live_server, demo):
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/contacts/{busiest_contact(demo).pk}/")

    buttons = page.locator(".nw-contact-actions .btn")
    tops = buttons.evaluate_all("els => els.map(el => Math.round(el.getBoundingClientRect().top))")
    assert len(tops) == 4 and len(set(tops)) == 1, tops  # Delete no longer wraps alone below
    assert page.get_by_role("link", name="Edit").is_visible() and page.get_by_role("link", name="Delete").is_visible()
    shoot(page, "edges-contact-actions-390")


def test_at_390_px_the_merge_page_keeps_each_history_count_with_its_word(page, live_server, alice):
    keep, other = (ContactFactory(owner=alice, given_name="Jordan", family_name="Fuseby") for _ in range(2))
    InteractionFactory.create_batch(2, owner=alice, contact=keep)
    LedgerEntryFactory(owner=alice, contact=keep)
    MeetingFactory.create_batch(3, owner=alice, contact=keep)
    FollowUpFactory.create_batch(2, owner=alice, contact=keep)
    ContactLinkFactory.create_batch(2, owner=alice, person=keep)
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/contacts/{keep.pk}/merge/{other.pk}/")

    histories = page.locator("dt:text-is('History') + dd")
    kept = histories.first
    assert kept.inner_text() == "2 touches, 1 give/get, 3 meetings, 2 follow-ups, 2 links"
    # The column is narrow: lines break, but only after a comma, never between a count and its word.
    breaks = kept.evaluate(BREAKS)
    assert breaks and all(pair[0] == "," for pair in breaks), breaks
    assert histories.last.inner_text() == "No history"
    shoot(page, "edges-merge-390")


def test_at_390_px_a_new_api_token_shows_whole_copies_and_keeps_the_access_chosen(page, live_server, alice):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/accounts/tokens/")
    page.get_by_label("Name").fill("weekly export")
    page.get_by_label("Read and write").check()
    page.get_by_role("button", name="Create token").click()

    token = page.locator("#new-token-value")
    assert token.inner_text().startswith("nw_")
    assert token.evaluate_all(CUT_OFF) == []
    page.get_by_role("button", name="Copy token").click()
    assert page.evaluate("navigator.clipboard.readText()") == token.inner_text()
    assert page.get_by_label("Read and write").is_checked()
    shoot(page, "edges-new-token-390")
    assert serious_accessibility_violations(page) == []


def test_at_390_px_the_follow_up_search_shows_its_whole_placeholder(page, live_server, alice):
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.set_viewport_size(NARROW_PHONE)
    page.goto(f"{live_server.url}/followups/")

    text_width, room = page.locator("#followup-q").evaluate(
        """el => {
            const style = getComputedStyle(el);
            const context = document.createElement("canvas").getContext("2d");
            context.font = style.font;
            return [context.measureText(el.placeholder).width,
                    el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)];
        }"""
    )
    assert text_width <= room, (text_width, room)
