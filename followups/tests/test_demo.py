from __future__ import annotations

import random

import pytest

from accounts.models import User
from conftest import NOW
from contacts.demo import seed_network
from followups.demo import seed_followups
from followups.models import FollowUp, FollowUpKind, FollowUpState
from meetings.demo import seed_meetings
from meetings.models import Search

pytestmark = pytest.mark.django_db


def test_the_demo_has_follow_ups_of_every_kind_and_state_with_drafts(alice, django_assert_max_num_queries):
    rng = random.Random(7)
    network = seed_network(alice, count=300, now=NOW, rng=rng)
    _, meetings = seed_meetings(alice, network, count=50, now=NOW, rng=rng)

    # the searches, the bulk insert, backdating yesterday's keep-in-touch (1),
    # the touches of the done keep-in-touch and their clocks: 5, however big the demo;
    # and 5 for each ended search, to find who helped in it as closing it does (the meetings,
    # the gifts, the people added, and which gifts' first words name someone in the network)
    # and whether the outcome's first word names someone (it keeps its capital mid-sentence).
    ended = Search.objects.for_owner(alice).filter(ended_on__isnull=False).count()
    with django_assert_max_num_queries(5 + 5 * ended):
        seed_followups(alice, network, meetings, count=100, now=NOW, rng=rng)

    rows = FollowUp.objects.for_owner(alice)
    pairs = set(rows.values_list("kind", "state"))
    for kind in FollowUpKind:
        for state in (FollowUpState.OPEN, FollowUpState.DONE, FollowUpState.SKIPPED):
            assert (kind, state) in pairs
    assert (FollowUpKind.OUTCOME_REPORT, FollowUpState.PROPOSED) in pairs
    assert rows.filter(snoozed_until__gt=NOW.date()).exists()
    assert rows.filter(state=FollowUpState.OPEN, due_on__lt=NOW.date()).exists()
    assert not rows.filter(message="").exists() and not rows.filter(subject="").exists()
    assert all(not f.done_at if f.state != FollowUpState.DONE else f.done_at for f in rows.only("state", "done_at"))


def test_the_demo_leaves_email_preferences_at_their_defaults(alice):
    rng = random.Random(7)
    network = seed_network(alice, count=10, now=NOW, rng=rng)
    seed_followups(alice, network, [], count=12, now=NOW, rng=rng)

    alice = User.objects.get(pk=alice.pk)
    assert (alice.weekly_digest_enabled, alice.weekly_digest_weekday, alice.weekly_digest_hour) == (True, 0, 8)
    assert alice.daily_reminder_enabled


def test_the_rules_after_seeding_open_no_loop_the_demo_already_opened(alice):
    from django.core.management import call_command

    from followups.rules import create_due_followups

    call_command("seed_demo", user="alice", contacts=120)
    keyed_before = set(FollowUp.objects.for_owner(alice).exclude(rule_key=None).values_list("rule_key", flat=True))

    create_due_followups(now=NOW)

    rows = FollowUp.objects.for_owner(alice)
    assert len(keyed_before) > 20
    # One reply nudge per request and one keep-in-touch per contact and lapse, however they were made.
    nudged = list(rows.filter(kind=FollowUpKind.REPLY_NUDGE).exclude(meeting=None).values_list("meeting_id", flat=True))
    assert len(nudged) == len(set(nudged))
    thanked = list(rows.filter(kind=FollowUpKind.THANK_YOU).exclude(meeting=None).values_list("meeting_id", flat=True))
    assert len(thanked) == len(set(thanked))
    lapsed = list(
        rows.filter(kind=FollowUpKind.KEEP_IN_TOUCH, state=FollowUpState.OPEN).values_list("contact_id", flat=True)
    )
    assert len(lapsed) == len(set(lapsed))


def test_the_demos_outcome_reports_read_well(alice):
    rng = random.Random(7)
    network = seed_network(alice, count=300, now=NOW, rng=rng)
    _, meetings = seed_meetings(alice, network, count=50, now=NOW, rng=rng)
    seed_followups(alice, network, meetings, count=100, now=NOW, rng=rng)

    reports = list(FollowUp.objects.for_owner(alice).filter(kind=FollowUpKind.OUTCOME_REPORT))
    assert reports
    for report in reports:
        thanks = next(line for line in report.message.splitlines() if line.startswith("Thanks again"))
        # The demo's gifts ("Article on agile PMOs", "LinkedIn recommendation") with their article.
        for bare in ("for article", "for intro", "for feedback", "for LinkedIn", "for coffee"):
            assert bare not in thanks, thanks
        assert thanks.count(" for ") <= 4, thanks
        assert "(" not in report.message and "turned out: Decided" not in report.message
