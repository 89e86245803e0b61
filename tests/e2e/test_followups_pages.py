"""Follow-ups in a real browser: the list, the outcome-report review, a draft, and the emails."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from contacts.models import Contact
from followups import reminders
from followups.links import action_url
from followups.models import FollowUp, FollowUpState, ReminderEmail, ReminderKind
from meetings.models import Search

from .conftest import PHONE, SCREENSHOTS, log_in, screenshot, serious_accessibility_violations


def phone_view(page, name: str) -> None:
    """What a phone shows first (the full-page phone shots are too tall to judge by eye)."""
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone-first-screen.png"))
    page.set_viewport_size({"width": 1366, "height": 900})


pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("seed_demo", user="demo", password="demo", contacts=60)
    return User.objects.get(username="demo")


def test_the_follow_ups_list_closes_a_loop_in_one_click(page, live_server, demo):
    log_in(page, live_server.url, "demo", "demo")
    page.goto(f"{live_server.url}/followups/")

    assert page.get_by_role("heading", name="Overdue").is_visible()
    screenshot(page, "followups-list")
    phone_view(page, "followups-list")
    assert serious_accessibility_violations(page) == []

    first = page.locator("#overdue .nw-followup").first
    title = first.locator("a.fw-semibold").inner_text()
    first.get_by_role("button", name="Done").click()
    assert f"Done: {title}." in page.content()


def test_a_whole_section_opens_from_the_overview_and_acts_in_place(page, live_server, demo):
    today = timezone.localdate()
    reader = Contact.objects.for_owner(demo).first()
    assert reader is not None
    for days in range(1, 16):  # more overdue than the overview shows
        FollowUp.objects.create(
            owner=demo,
            contact=reader,
            kind="promise",
            title=f"Send the article to reader {days}",
            due_on=today - timedelta(days=days),
        )
    log_in(page, live_server.url, "demo", "demo")
    page.goto(f"{live_server.url}/followups/")

    page.locator("#overdue").get_by_role("link", name="Show all").click()
    assert "show=overdue" in page.url
    assert page.get_by_role("heading", name="Overdue").is_visible()
    assert page.locator("#overdue .nw-followup").count() > 10
    screenshot(page, "followups-section")
    phone_view(page, "followups-section")
    assert serious_accessibility_violations(page) == []

    first = page.locator("#overdue .nw-followup").first
    title = first.locator("a.fw-semibold").inner_text()
    first.get_by_role("button", name="Skip").click()
    assert "show=overdue" in page.url  # back on the same section
    assert f"Skipped: {title}." in page.content()


def test_the_outcome_report_review_and_a_draft_page(page, live_server, demo):
    search_id = (
        FollowUp.objects.for_owner(demo).filter(state=FollowUpState.PROPOSED).values_list("search_id", flat=True)[0]
    )
    Search.objects.filter(pk=search_id).update(outcome="I accepted a program-manager role at Presbyterian Healthcare.")
    log_in(page, live_server.url, "demo", "demo")

    page.goto(f"{live_server.url}/followups/searches/{search_id}/outcome-reports/")
    assert page.get_by_role("heading", name="End the suspense").is_visible()
    screenshot(page, "followups-review")
    phone_view(page, "followups-review")
    assert serious_accessibility_violations(page) == []

    followup = FollowUp.objects.for_owner(demo).filter(state=FollowUpState.OPEN).first()
    assert followup is not None
    page.goto(f"{live_server.url}/followups/{followup.pk}/")
    assert page.get_by_role("link", name="Open in my mail client").get_attribute("href").startswith("mailto:")
    screenshot(page, "followups-detail")
    phone_view(page, "followups-detail")
    assert serious_accessibility_violations(page) == []

    page.goto(f"{live_server.url}/followups/drafts/")
    screenshot(page, "followups-drafts")
    assert serious_accessibility_violations(page) == []


def test_tick_all_and_untick_all_on_the_review_and_a_whole_draft_on_a_phone(page, live_server, demo):
    followup = FollowUp.objects.for_owner(demo).filter(state=FollowUpState.PROPOSED).first()
    assert followup is not None
    log_in(page, live_server.url, "demo", "demo")
    review = f"{live_server.url}/followups/searches/{followup.search_id}/outcome-reports/"
    page.goto(review)
    boxes = page.locator('input[name="keep"]')

    page.get_by_role("button", name="Untick all").click()
    assert page.url == review  # ticked in the page, nothing sent
    assert not any(box.is_checked() for box in boxes.all())
    page.get_by_role("button", name="Tick all", exact=True).click()
    assert all(box.is_checked() for box in boxes.all())

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/followups/{followup.pk}/")
    for field in ("#id_title", "#id_message"):
        # Every word in view: no text scrolled away inside the box.
        hidden = page.locator(field).evaluate(
            "box => Math.max(box.scrollHeight - box.clientHeight, box.scrollWidth - box.clientWidth)"
        )
        assert hidden <= 1, field
    assert page.locator("#id_message").input_value().rstrip().endswith("Demo")


def test_the_reminder_emails_render_well_on_desktop_and_phone(page, demo):
    now = timezone.now()
    for kind, name in (
        (ReminderKind.WEEKLY, "email-weekly-digest-demo"),
        (ReminderKind.DAILY, "email-daily-reminder-demo"),
    ):
        users = list(reminders.due_users(kind, now).filter(pk=demo.pk)) or [demo]
        for user in users:
            user.period = getattr(user, "period", now.date())
        row = ReminderEmail(user=demo, kind=kind, period=users[0].period)
        contents = (reminders.weekly_contents if kind == ReminderKind.WEEKLY else reminders.daily_contents)([demo], now)
        message = reminders.build_message(row, contents[demo.pk])
        page.set_content(message.alternatives[0][0])
        screenshot(page, name)
        phone_view(page, name)


def test_a_done_link_from_an_email_asks_first_then_acts_without_logging_in(page, live_server, demo):
    followup = FollowUp.objects.for_owner(demo).filter(state=FollowUpState.OPEN).first()
    assert followup is not None
    url = action_url(followup, "done").replace("http://testserver", live_server.url)

    page.goto(url)
    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN  # a mail scanner's GET changes nothing
    screenshot(page, "email-action-confirm")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name="Mark it done").click()
    assert page.get_by_text("Marked done. One loop closed.").is_visible()
    followup.refresh_from_db()
    assert followup.state == FollowUpState.DONE
