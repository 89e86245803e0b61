from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from conftest import NOW
from followups.models import ReminderEmail
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue().strip()


def test_the_command_sends_what_is_due_and_reports_counts(alice, bob):
    FollowUpFactory(owner=alice, due_on=NOW.date())
    bob.weekly_digest_enabled = False
    bob.save()

    # alice: this week's digest, which takes her daily's place today (skipped); bob:
    # nothing due (skipped) and no digest.
    assert run("--now", NOW.isoformat()) == "sent=1 skipped=2 failed=0"
    assert run("--now", NOW.isoformat()) == "sent=0 skipped=0 failed=0"
    assert len(mail.outbox) == 1


def test_the_command_can_send_one_kind(alice):
    FollowUpFactory(owner=alice, due_on=NOW.date())

    assert run("--kind", "weekly", "--now", NOW.isoformat()) == "sent=1 skipped=0 failed=0"
    assert list(ReminderEmail.objects.values_list("kind", flat=True)) == ["weekly"]


@pytest.mark.parametrize("bad", ["tomorrow", "2026-03-04T08:00:00"])
def test_a_bad_now_is_refused_with_a_clear_message(bad):
    with pytest.raises(CommandError, match="--now"):
        run("--now", bad)


def test_now_accepts_any_offset(alice):
    FollowUpFactory(owner=alice, due_on=NOW.date())

    assert run(
        "--kind",
        "daily",
        "--now",
        (NOW - dt.timedelta(hours=5)).astimezone(dt.timezone(dt.timedelta(hours=-5))).isoformat(),
    ) == (
        "sent=0 skipped=0 failed=0"  # 05:30 UTC: before alice's 08:00
    )
