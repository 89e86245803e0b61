"""The demo: searches and meetings in every state, with notes, questions, suggested people and promises."""

from __future__ import annotations

import random

import pytest
from django.db.models import F

from conftest import NOW
from contacts.demo import seed_network
from followups.models import FollowUp, FollowUpKind
from meetings.demo import seed_meetings
from meetings.models import Meeting, MeetingQuestion, MeetingState, OutreachTemplate, Search

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_state_and_everything_a_meeting_can_carry(alice, django_assert_max_num_queries):
    rng = random.Random(7)
    network = seed_network(alice, count=300, now=NOW, rng=rng)

    # Bulk writes: the number of queries does not grow with the number of meetings.
    with django_assert_max_num_queries(20):
        searches, meetings = seed_meetings(alice, network, count=50, now=NOW, rng=rng)

    assert len(meetings) == 50 and all(m.pk for m in meetings)
    assert set(Meeting.objects.for_owner(alice).values_list("state", flat=True)) == set(MeetingState.values)
    assert Search.objects.for_owner(alice).open().count() == 2 and len(searches) == 3
    held = Meeting.objects.for_owner(alice).held()
    assert held.exclude(notes="").exists() and held.exclude(learned="").exists()
    # Each history reads in order: planned, then asked.
    assert not Meeting.objects.for_owner(alice).filter(created_at__gt=F("requested_at")).exists()
    assert Meeting.suggested_contacts.through.objects.filter(meeting__owner=alice).exists()
    assert all(search.contacts.exists() for search in searches)
    assert MeetingQuestion.objects.filter(meeting__state=MeetingState.SCHEDULED, meeting__owner=alice).exists()
    assert FollowUp.objects.for_owner(alice).filter(kind=FollowUpKind.PROMISE, meeting__isnull=False).exists()
    assert OutreachTemplate.objects.for_owner(alice).count() == 4
