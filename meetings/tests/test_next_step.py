"""The "Next step" of a held meeting moves on with the method: capture it, thank them, keep the promises."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings import services
from meetings.models import Meeting, MeetingState
from meetings.next_step import after_meeting

from .factories import MeetingFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]
TODAY = NOW.date()


@pytest.fixture
def held(alice) -> Meeting:
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Ng")
    return MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, starts_at=NOW - dt.timedelta(hours=2))


def next_step_of(client, meeting: Meeting) -> str:
    page = html.unescape(client.get(meeting.get_absolute_url()).content.decode())
    return page.split('id="next-heading"', 1)[1].split("</section>", 1)[0]


def test_before_anything_is_captured_the_next_step_is_to_capture_it(held, alice_client):
    step = next_step_of(alice_client, held)

    assert "Capture what you learned" in step
    assert "How did it go?" in step


def test_saving_how_it_went_moves_the_next_step_on_to_the_thank_yous(alice, alice_client):
    rita = ContactFactory(owner=alice, given_name="Rita")
    ken = ContactFactory(owner=alice, given_name="Ken", introduced_by=rita)
    meeting = MeetingFactory(
        owner=alice, contact=ken, state=MeetingState.SCHEDULED, starts_at=NOW - dt.timedelta(hours=2)
    )
    services.hold_meeting(meeting, when=NOW)
    data = {
        "notes": "",
        "learned": "Most openings are filled by referral.",
        "people-TOTAL_FORMS": "0",
        "people-INITIAL_FORMS": "0",
        "promises-TOTAL_FORMS": "0",
        "promises-INITIAL_FORMS": "0",
    }

    alice_client.post(reverse("meetings:how_it_went", args=[meeting.pk]), data)
    step = next_step_of(alice_client, meeting)

    assert "Capture what you learned" not in step
    assert "Close the loop: send Ken a thank-you note and thank Rita for the introduction (due " in step
    thank_you = FollowUp.objects.get(kind=FollowUpKind.THANK_YOU)
    thank_rita = FollowUp.objects.get(kind=FollowUpKind.THANK_REFERRER)
    assert f'href="{thank_you.get_absolute_url()}">Thank Ken</a>' in step
    assert f'href="{thank_rita.get_absolute_url()}">Thank Rita</a>' in step
    assert "Edit how it went" in step


def test_with_the_thank_you_sent_the_next_step_is_the_promises(held, alice, alice_client):
    held.learned = "PMP matters."
    held.save()
    ken = held.contact
    FollowUpFactory(owner=alice, contact=ken, meeting=held, kind=FollowUpKind.THANK_YOU, state=FollowUpState.DONE)
    later = FollowUpFactory(owner=alice, contact=ken, meeting=held, kind=FollowUpKind.PROMISE, due_on=TODAY)
    overdue = FollowUpFactory(
        owner=alice, contact=ken, meeting=held, kind=FollowUpKind.PROMISE, due_on=TODAY - dt.timedelta(days=1)
    )

    step = next_step_of(alice_client, held)

    assert "Keep your word to Ken: 2 promises are still open, the first overdue." in step
    assert overdue.get_absolute_url() in step and later.get_absolute_url() not in step


def test_with_every_loop_closed_the_next_step_is_the_people_they_suggested(held, alice, alice_client):
    maria = ContactFactory(owner=alice, given_name="Maria")
    held.suggested_contacts.add(maria)
    FollowUpFactory(owner=alice, contact=held.contact, meeting=held, state=FollowUpState.DONE)

    step = next_step_of(alice_client, held)

    assert "Every loop with Ken is closed." in step
    assert f'href="{reverse("meetings:create")}?contact={maria.pk}">Plan a meeting with Maria</a>' in step


def test_notes_alone_count_as_captured_and_blank_ones_do_not(held):
    held.notes = "   "
    assert not after_meeting(held, followups=[], suggested=[], today=TODAY).captured
    held.notes = "Generous with time."
    step = after_meeting(held, followups=[], suggested=[], today=TODAY)
    assert step.captured and step.text == "Every loop with Ken is closed. Keep in touch, long before you need anything."


@pytest.mark.parametrize(
    ("due_on", "says"),
    [(TODAY - dt.timedelta(days=1), "overdue"), (TODAY, "due today"), (TODAY + dt.timedelta(days=3), "due in 3 days")],
)
def test_the_thank_you_says_when_it_is_due(held, alice, due_on, says):
    held.learned = "PMP matters."
    thank_you = FollowUpFactory(owner=alice, contact=held.contact, meeting=held, due_on=due_on)

    step = after_meeting(held, followups=[thank_you], suggested=[], today=TODAY)

    assert step.text == f"Close the loop: send Ken a thank-you note ({says})."


def test_one_open_promise_is_named_with_when_it_is_due(held, alice):
    held.learned = "PMP matters."
    promise = FollowUpFactory(
        owner=alice, contact=held.contact, meeting=held, kind=FollowUpKind.PROMISE, due_on=TODAY + dt.timedelta(days=1)
    )

    step = after_meeting(held, followups=[promise], suggested=[], today=TODAY)

    assert step.text == "Keep your word to Ken: one promise is still open, due tomorrow."
    assert [action.url for action in step.actions] == [promise.get_absolute_url()]


def test_the_next_step_is_on_the_page_within_the_same_queries(held, alice, alice_client, django_assert_max_num_queries):
    held.suggested_contacts.add(ContactFactory(owner=alice, given_name="Maria"))
    FollowUpFactory(owner=alice, contact=held.contact, meeting=held)

    # session, user, meeting+contact+referrer+search, suggested, questions, the meeting's follow-ups
    with django_assert_max_num_queries(6):
        step = next_step_of(alice_client, held)

    assert "Close the loop: send Ken a thank-you note" in step


def test_someone_elses_follow_ups_never_decide_the_next_step(held, alice, bob, alice_client):
    held.learned = "PMP matters."
    held.save()
    # A row that should never exist (another owner's follow-up on alice's meeting): the page still ignores it.
    FollowUpFactory(owner=bob, meeting=held, kind=FollowUpKind.PROMISE)

    assert "Every loop with Ken is closed." in next_step_of(alice_client, held)
