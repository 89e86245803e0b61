"""manage.py create_followups: what the hourly beat task runs, for cron and the make-run fallback."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from conftest import NOW
from contacts.models import Stage
from contacts.tests.factories import ContactFactory
from followups import tasks
from followups.models import FollowUp, FollowUpKind
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("create_followups", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def due(alice):
    MeetingFactory(owner=alice, state=MeetingState.REQUESTED, requested_at=NOW - dt.timedelta(days=8))
    ContactFactory.create_batch(7, owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=40))


def test_the_last_line_says_how_many_were_created_and_a_rerun_that_day_creates_none(due):
    with time_machine.travel(NOW, tick=False):
        first = run()
        second = run()

    assert first == ["reply_nudges=1 keep_in_touch=5", "created=6"]
    assert second[-1] == "created=0"


def test_now_pretends_it_is_that_moment(due):
    assert run("--now", "2026-03-04T10:30:00+00:00")[-1] == "created=6"
    assert run("--now", "2026-03-04T18:00:00+00:00")[-1] == "created=0"
    # The next day, the two keep-in-touch follow-ups left over from the budget.
    assert run("--now", "2026-03-05T09:00:00+00:00")[-1] == "created=2"
    assert FollowUp.objects.filter(kind=FollowUpKind.KEEP_IN_TOUCH, due_on=dt.date(2026, 3, 5)).count() == 2


@pytest.mark.parametrize(
    ("value", "says"),
    [("yesterday", "ISO-8601"), ("2026-13-45T00:00:00+00:00", "ISO-8601"), ("2026-03-04T10:30:00", "UTC offset")],
)
def test_a_bad_now_is_a_clear_error_and_creates_nothing(due, value, says):
    with pytest.raises(CommandError, match=says):
        run("--now", value)
    assert not FollowUp.objects.exists()


def test_the_task_runs_the_same_function_and_says_the_same(due):
    with time_machine.travel(NOW, tick=False):
        assert tasks.create_due_followups() == "reply_nudges=1 keep_in_touch=5 created=6"
        assert run()[-1] == "created=0"
