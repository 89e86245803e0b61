"""The follow-up list's section counts and waiting outcome reports are cached per owner version and
local day, and never show a stale number.

Each write path: load the list (which caches), write through the service (not a page, whose
request would bump anyway), load it again and see the new number.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.models import Stage
from contacts.tests.factories import ContactFactory
from followups import services
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.rules import create_due_followups
from followups.tests.factories import FollowUpFactory
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory
from netweave.cache import bump_owner

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = reverse("followups:list")
TODAY = NOW.date()


def counts(client, **params) -> dict[str, int]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return {section["id"]: section["count"] for section in response.context["sections"]}


def test_a_warm_list_reads_its_counts_from_the_cache(alice, alice_client, django_assert_num_queries):
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=2))
    FollowUpFactory(owner=alice, due_on=TODAY)
    bump_owner(alice.pk)  # as the services and write requests do; the factories do not
    # session, user, the section totals, overdue, due today, upcoming, done, outcome reports waiting
    with django_assert_num_queries(8):
        alice_client.get(URL)
    with django_assert_num_queries(6):
        assert counts(alice_client) == {"overdue": 1, "today": 1, "upcoming": 0, "done": 0}


def test_marking_done_skipping_snoozing_and_reopening(alice, alice_client):
    done, skipped, snoozed = (FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=1)) for _ in range(3))
    bump_owner(alice.pk)
    assert counts(alice_client) == {"overdue": 3, "today": 0, "upcoming": 0, "done": 0}

    services.mark_done(done, now=NOW)
    assert counts(alice_client) == {"overdue": 2, "today": 0, "upcoming": 0, "done": 1}
    services.skip(skipped)
    assert counts(alice_client) == {"overdue": 1, "today": 0, "upcoming": 0, "done": 2}
    services.snooze(snoozed, until=TODAY + dt.timedelta(days=3))
    assert counts(alice_client) == {"overdue": 0, "today": 0, "upcoming": 1, "done": 2}

    services.reopen(done)
    assert counts(alice_client) == {"overdue": 1, "today": 0, "upcoming": 1, "done": 1}


def test_the_rules_job_creating_follow_ups(alice, alice_client):
    # An ally not contacted for 400 days: the job proposes keeping in touch.
    ContactFactory(owner=alice, stage=Stage.ALLY, last_contacted_at=NOW - dt.timedelta(days=400))
    assert counts(alice_client)["today"] == 0

    create_due_followups(now=NOW)

    assert FollowUp.objects.filter(owner=alice, kind=FollowUpKind.KEEP_IN_TOUCH).exists()
    assert counts(alice_client)["today"] == 1


def test_outcome_reports_proposed_and_reviewed(alice, alice_client):
    search = SearchFactory(owner=alice, title="Data roles", ended_on=TODAY, outcome="I took the job")
    helper = ContactFactory(owner=alice, given_name="Ada")
    assert alice_client.get(URL).context["outcome_reviews"] == []

    MeetingFactory(owner=alice, contact=helper, search=search, state=MeetingState.HELD, held_at=NOW)
    proposed = services.search_closed(search)
    assert proposed
    (waiting,) = alice_client.get(URL).context["outcome_reviews"]
    assert (waiting["search__title"], waiting["people"]) == ("Data roles", len(proposed))

    services.confirm_outcome_reports(search, keep=[proposed[0].pk], today=TODAY)
    response = alice_client.get(URL)
    assert response.context["outcome_reviews"] == []
    assert {s["id"]: s["count"] for s in response.context["sections"]}["today"] == 1


def test_due_today_turns_overdue_at_midnight_without_a_write(alice, alice_client, frozen):
    FollowUpFactory(owner=alice, due_on=TODAY)
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=5), snoozed_until=TODAY + dt.timedelta(days=1))
    bump_owner(alice.pk)
    assert counts(alice_client) == {"overdue": 0, "today": 1, "upcoming": 1, "done": 0}

    frozen.shift(dt.timedelta(days=1))

    assert counts(alice_client) == {"overdue": 2, "today": 0, "upcoming": 0, "done": 0}


def test_a_search_counts_its_own_matches_not_the_cached_totals(alice, alice_client):
    FollowUpFactory(owner=alice, due_on=TODAY, title="Thank Ada")
    FollowUpFactory(owner=alice, due_on=TODAY, title="Call Ken")
    bump_owner(alice.pk)
    assert counts(alice_client)["today"] == 2

    assert counts(alice_client, q="ada")["today"] == 1


def test_one_owners_cached_counts_are_never_anothers(alice, bob, alice_client, bob_client):
    FollowUpFactory(owner=alice, due_on=TODAY, state=FollowUpState.OPEN, kind=FollowUpKind.THANK_YOU)
    bump_owner(alice.pk)
    assert counts(alice_client)["today"] == 1

    assert counts(bob_client)["today"] == 0
