"""Merging two records of one person leaves one open keep-in-touch and one outcome report per search.

Each record may have had its own, and the merge moves every follow-up to the kept record:
two "Keep in touch with Ken" on the list, or the same search's outcome told twice to one person.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import NOW
from contacts import services as contact_services
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = NOW.date()


@pytest.fixture
def twins(alice):
    kept = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    removed = ContactFactory(owner=alice, given_name="Ken", family_name="Sato")
    return kept, removed


def keep_in_touch(contact, *, due_on, **fields) -> FollowUp:
    return FollowUpFactory(
        owner=contact.owner, contact=contact, kind=FollowUpKind.KEEP_IN_TOUCH, due_on=due_on, **fields
    )


def test_two_open_keep_in_touch_become_one_the_one_due_first(twins):
    kept, removed = twins
    later = keep_in_touch(kept, due_on=TODAY)
    earlier = keep_in_touch(removed, due_on=TODAY - dt.timedelta(days=3))

    contact_services.merge_contacts(kept, duplicate=removed)

    earlier.refresh_from_db()
    later.refresh_from_db()
    assert (earlier.contact_id, earlier.state) == (kept.pk, FollowUpState.OPEN)
    assert later.state == FollowUpState.SKIPPED
    assert later.closed_note == "The same as another one for Ken Sato: two records of them were merged"


def test_past_keep_in_touch_and_other_loops_are_left_alone(twins):
    kept, removed = twins
    done = keep_in_touch(kept, due_on=TODAY - dt.timedelta(days=90), state=FollowUpState.DONE)
    still_open = keep_in_touch(removed, due_on=TODAY)
    thanks = [FollowUpFactory(owner=c.owner, contact=c, kind=FollowUpKind.THANK_YOU, due_on=TODAY) for c in twins]

    contact_services.merge_contacts(kept, duplicate=removed)

    states = dict(FollowUp.objects.filter(contact=kept).values_list("pk", "state"))
    assert states == {
        done.pk: FollowUpState.DONE,
        still_open.pk: FollowUpState.OPEN,
        thanks[0].pk: FollowUpState.OPEN,
        thanks[1].pk: FollowUpState.OPEN,
    }


@pytest.mark.parametrize(
    ("kept_state", "removed_state", "left"),
    [
        (FollowUpState.PROPOSED, FollowUpState.PROPOSED, "kept"),
        (FollowUpState.PROPOSED, FollowUpState.OPEN, "removed"),  # the one the user accepted
        (FollowUpState.PROPOSED, FollowUpState.DONE, "removed"),  # already told: no second email
        (FollowUpState.SKIPPED, FollowUpState.OPEN, "kept"),  # the user chose not to tell them
        (FollowUpState.DONE, FollowUpState.DONE, "both"),  # history is left as it is
    ],
)
def test_one_search_is_reported_once_to_one_person(alice, twins, kept_state, removed_state, left):
    kept, removed = twins
    search = SearchFactory(owner=alice, ended_on=TODAY, outcome="I took the job")
    other = SearchFactory(owner=alice, ended_on=TODAY, outcome="Paused")
    reports = {
        name: FollowUpFactory(
            owner=alice, contact=contact, search=search, kind=FollowUpKind.OUTCOME_REPORT, state=state, due_on=TODAY
        )
        for name, contact, state in (("kept", kept, kept_state), ("removed", removed, removed_state))
    }
    other_report = FollowUpFactory(
        owner=alice, contact=removed, search=other, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED
    )

    contact_services.merge_contacts(kept, duplicate=removed)

    for name, report in reports.items():
        report.refresh_from_db()
        if left != "both" and name != left:
            assert report.state == FollowUpState.SKIPPED and "merged" in report.closed_note
    if left == "both":
        assert [r.state for r in reports.values()] == [kept_state, removed_state]
    else:
        assert reports[left].state == {"kept": kept_state, "removed": removed_state}[left]
    other_report.refresh_from_db()
    assert (other_report.contact_id, other_report.state) == (kept.pk, FollowUpState.PROPOSED)
