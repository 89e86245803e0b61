"""Both reminder emails in a real browser: desktop and phone, no sideways scrolling, readable."""

from __future__ import annotations

import pytest

from followups import reminders
from followups.models import ReminderEmail, ReminderKind
from followups.tests.scenarios import TOKYO_MORNING, busy_week_in_tokyo

from .conftest import SCREENSHOTS, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db]

WIDTHS = {"desktop": {"width": 1200, "height": 900}, "phone": {"width": 375, "height": 812}}


@pytest.mark.parametrize(
    ("kind", "name"), [(ReminderKind.DAILY, "email-daily-reminder"), (ReminderKind.WEEKLY, "email-weekly-digest")]
)
def test_a_reminder_email_reads_well_on_desktop_and_phone(page, kind, name):
    user = busy_week_in_tokyo(overdue=30).user
    [due] = reminders.due_users(kind, TOKYO_MORNING)
    row = ReminderEmail(user=user, kind=kind, period=due.period)
    content = (reminders.daily_contents if kind == ReminderKind.DAILY else reminders.weekly_contents)(
        [user], TOKYO_MORNING
    )[user.pk]
    html = reminders.build_message(row, content).alternatives[0][0]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    for label, viewport in WIDTHS.items():
        page.set_viewport_size(viewport)
        page.set_content(html)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{label}.png"), full_page=True)
        # Nothing wider than the screen, and body text at a readable size.
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], label
        assert page.evaluate("getComputedStyle(document.querySelector('.nw-card')).fontSize") == "16px"
    assert serious_accessibility_violations(page) == []
