"""The one "thank-yous on time" read: ``FollowUp.objects.thank_yous_sent(windows).on_time_tally(...)``.

Close every loop (DOMAIN.md): a thank-you note after each meeting within a day or two,
and a thank-you to the referrer. Both count; days are the owner's own time zone.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from accounts.tests.factories import UserFactory
from conftest import NOW
from dashboard.progress import progress_for
from followups import reminders
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

TODAY = NOW.date()  # Wednesday 4 March 2026
MONDAY = dt.date(2026, 3, 2)
LAST_MONDAY = MONDAY - dt.timedelta(days=7)


def done(owner, *, due_on: dt.date, done_at: dt.datetime, kind: str = FollowUpKind.THANK_YOU) -> FollowUp:
    return FollowUpFactory(owner=owner, kind=kind, due_on=due_on, state=FollowUpState.DONE, done_at=done_at)


def utc(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def tally(windows) -> dict[int, tuple[int, int]]:
    rows = FollowUp.objects.thank_yous_sent(windows).on_time_tally("owner_id")
    return {row["owner_id"]: (row["sent"], row["sent_on_time"]) for row in rows}


@pytest.fixture
def tokyo():
    """A user in Tokyo (UTC+9) with last week's thank-yous, several on a day boundary."""
    user = UserFactory(username="kenji", time_zone="Asia/Tokyo")
    # 25 Feb 03:00 in Tokyo: on time.
    done(user, due_on=dt.date(2026, 2, 25), done_at=utc(dt.date(2026, 2, 24), 18))
    # 26 Feb 01:00 in Tokyo, a day late there (still 25 Feb in UTC).
    done(user, due_on=dt.date(2026, 2, 25), done_at=utc(dt.date(2026, 2, 25), 16))
    # Thanking the referrer closes a loop too.
    done(user, due_on=dt.date(2026, 2, 26), done_at=utc(dt.date(2026, 2, 26), 10), kind=FollowUpKind.THANK_REFERRER)
    # 23 Feb 00:30 in Tokyo: last week there (still 22 Feb, the week before, in UTC).
    done(user, due_on=dt.date(2026, 2, 23), done_at=utc(dt.date(2026, 2, 22), 15, 30))
    # Not a thank-you.
    done(user, due_on=dt.date(2026, 2, 25), done_at=utc(dt.date(2026, 2, 25), 1), kind=FollowUpKind.PROMISE)
    return user


def test_thank_yous_and_referrer_thanks_count_in_the_owners_own_days(tokyo):
    assert tally({tokyo: (LAST_MONDAY, MONDAY)}) == {tokyo.pk: (4, 3)}


def test_the_same_notes_in_utc_days_would_count_differently(tokyo):
    """What the read used to do in the digest for a UTC server, and why it was wrong."""
    tokyo.time_zone = "UTC"
    assert tally({tokyo: (LAST_MONDAY, MONDAY)}) == {tokyo.pk: (3, 3)}


def test_open_skipped_and_other_users_notes_never_count(tokyo, bob):
    FollowUpFactory(owner=tokyo, due_on=dt.date(2026, 2, 25))  # still owed
    FollowUpFactory(owner=tokyo, due_on=dt.date(2026, 2, 25), state=FollowUpState.SKIPPED, done_at=NOW)
    done(bob, due_on=dt.date(2026, 2, 25), done_at=utc(dt.date(2026, 2, 25), 9))

    assert tally({tokyo: (LAST_MONDAY, MONDAY)}) == {tokyo.pk: (4, 3)}


def test_a_batch_of_owners_in_different_zones_is_one_query(tokyo, alice, django_assert_num_queries):
    lima = UserFactory(username="rosa", time_zone="America/Lima")  # UTC-5
    # 1 Mar 20:00 in Lima: last week there (2 Mar in UTC and in Tokyo).
    done(lima, due_on=dt.date(2026, 3, 1), done_at=utc(MONDAY, 1))
    done(alice, due_on=dt.date(2026, 2, 24), done_at=utc(dt.date(2026, 2, 25), 9))  # late

    with django_assert_num_queries(1):
        counts = tally(dict.fromkeys((tokyo, lima, alice), (LAST_MONDAY, MONDAY)))

    assert counts == {tokyo.pk: (4, 3), lima.pk: (1, 1), alice.pk: (1, 0)}


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_and_the_digest_agree_for_a_user_in_tokyo(tokyo, client):
    digest = reminders.weekly_contents([tokyo], NOW)[tokyo.pk]
    # Outside a request (no active time zone) and through the page (the user's zone active).
    progress = progress_for(tokyo, today=NOW.astimezone(ZoneInfo("Asia/Tokyo")).date())
    client.force_login(tokyo)
    page = client.get(reverse("dashboard")).context["progress"]

    assert (digest.last_week.thank_yous_sent, digest.last_week.thank_yous_on_time) == (4, 3)
    assert (progress.thank_yous_done, progress.thank_yous_on_time) == (4, 3)
    assert (page.thank_yous_done, page.thank_yous_on_time) == (4, 3)
