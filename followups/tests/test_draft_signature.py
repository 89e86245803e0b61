"""A draft netweave wrote signs with the user's name as it is now; a draft edited by hand keeps its words.

Drafts are written when the follow-up is created ("Best regards,\\nAlice Archer"). A user who
changes their display name afterwards expects the drafts nobody touched to follow, and
every draft they edited themselves to stay exactly as they left it.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from api import services as api_services
from conftest import NOW
from contacts.models import Direction
from contacts.tests.factories import ContactFactory, LedgerEntryFactory
from followups import services
from followups.models import DraftKind, DraftTemplate, FollowUp, FollowUpState
from meetings.models import MeetingState
from meetings.tests.factories import MeetingFactory, SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

OLD = "Best regards,\nAlice Archer"
NEW = "Best regards,\nAlice Tanaka"


@pytest.fixture
def thank_you(alice) -> FollowUp:
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Ng", emails=["ken@example.org"])
    meeting = MeetingFactory(owner=alice, contact=ken, state=MeetingState.HELD, held_at=NOW - dt.timedelta(hours=2))
    [followup] = services.meeting_held(meeting)
    assert followup.message.endswith(OLD)
    return followup


def rename(user, display_name: str = "Alice Tanaka") -> None:
    user.display_name = display_name
    user.save(update_fields=["display_name"])


def shown_message(client, followup: FollowUp) -> str:
    return client.get(followup.get_absolute_url()).context["form"].initial["message"]


def test_an_unedited_draft_signs_with_the_name_the_user_has_now(alice, alice_client, thank_you):
    rename(alice)

    response = alice_client.get(thank_you.get_absolute_url())

    form = response.context["form"]
    assert form.initial["message"].endswith(NEW) and "Archer" not in form.initial["message"]
    mailto = response.context["followup"].mailto_url()
    assert parse_qs(urlparse(mailto).query)["body"][0].endswith("Best regards,\r\nAlice Tanaka")
    # Shown, not rewritten: the stored row changes only when the user saves it.
    assert FollowUp.objects.get(pk=thank_you.pk).message.endswith(OLD)


def test_a_draft_edited_by_hand_keeps_the_words_and_the_name_the_user_left_in_it(alice, alice_client, thank_you):
    edited = thank_you.message.replace("a real help", "a great help")
    alice_client.post(
        thank_you.get_absolute_url(),
        {"title": thank_you.title, "due_on": "2026-03-05", "subject": thank_you.subject, "message": edited},
    )
    rename(alice)

    assert shown_message(alice_client, thank_you) == edited
    assert FollowUp.objects.get(pk=thank_you.pk).message == edited


def test_the_page_says_why_an_edited_draft_still_signs_with_the_old_name(alice, alice_client, thank_you):
    assert "kept-old-name" not in alice_client.get(thank_you.get_absolute_url()).content.decode()
    edited = thank_you.message.replace("a real help", "a great help")
    alice_client.post(
        thank_you.get_absolute_url(),
        {"title": thank_you.title, "due_on": "2026-03-05", "subject": thank_you.subject, "message": edited},
    )
    assert "kept-old-name" not in alice_client.get(thank_you.get_absolute_url()).content.decode()

    rename(alice)

    page = alice_client.get(thank_you.get_absolute_url()).content.decode()
    assert "You edited this draft, so it still signs as Alice Archer" in page
    # Once they put their new name in by hand, there is nothing left to say.
    alice_client.post(
        thank_you.get_absolute_url(),
        {
            "title": thank_you.title,
            "due_on": "2026-03-05",
            "subject": thank_you.subject,
            "message": edited.replace("Alice Archer", "Alice Tanaka"),
        },
    )
    assert "kept-old-name" not in alice_client.get(thank_you.get_absolute_url()).content.decode()


def test_a_subject_edited_by_hand_keeps_the_whole_draft_as_it_is(alice, alice_client, thank_you):
    alice_client.post(
        thank_you.get_absolute_url(),
        {"title": thank_you.title, "due_on": "2026-03-05", "subject": "Thanks, Ken!", "message": thank_you.message},
    )
    rename(alice)

    assert shown_message(alice_client, thank_you).endswith(OLD)


def test_saving_without_touching_the_words_keeps_the_draft_following_the_name(alice, alice_client, thank_you):
    rename(alice)
    # A browser sends the textarea back with CRLF line breaks.
    shown = shown_message(alice_client, thank_you)
    alice_client.post(
        thank_you.get_absolute_url(),
        {
            "title": thank_you.title,
            "due_on": "2026-03-09",
            "subject": thank_you.subject,
            "message": shown.replace("\n", "\r\n"),
        },
    )
    rename(alice, "Alice T.")

    assert shown_message(alice_client, thank_you).endswith("Best regards,\nAlice T.")
    assert FollowUp.objects.get(pk=thank_you.pk).due_on == dt.date(2026, 3, 9)


def test_a_draft_already_sent_keeps_the_name_it_was_sent_with(alice, alice_client, thank_you):
    services.mark_done(thank_you, now=NOW)
    rename(alice)

    assert shown_message(alice_client, thank_you).endswith(OLD)


def test_the_users_own_wording_follows_the_name_in_the_subject_and_the_body(alice, alice_client):
    DraftTemplate.objects.create(
        owner=alice,
        kind=DraftKind.THANK_YOU,
        subject="A note from {my_name}",
        body="{my_name} here. Thanks!\n{my_name}",
    )
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)
    [followup] = services.meeting_held(meeting)
    rename(alice)

    form = alice_client.get(followup.get_absolute_url()).context["form"]

    assert form.initial["subject"] == "A note from Alice Tanaka"
    assert form.initial["message"] == "Alice Tanaka here. Thanks!\nAlice Tanaka"


def test_a_draft_without_a_signature_or_with_braces_typed_into_it_stays_as_written(alice, alice_client):
    DraftTemplate.objects.create(owner=alice, kind=DraftKind.PROMISE, subject="As promised", body="{promise}")
    meeting = MeetingFactory(owner=alice, state=MeetingState.HELD, held_at=NOW)
    plain = services.promise_made(meeting, text="Send the deck", due_on=dt.date(2026, 3, 6))
    DraftTemplate.objects.filter(owner=alice).update(body="{promise} {my_name}")
    braces = services.promise_made(meeting, text="Explain {my_name} placeholders", due_on=dt.date(2026, 3, 6))
    assert plain is not None and braces is not None
    assert braces.message == "Explain {my_name} placeholders Alice Archer"
    rename(alice)

    assert shown_message(alice_client, plain) == "Send the deck"
    assert shown_message(alice_client, braces) == "Explain {my_name} placeholders Alice Archer"


def test_every_page_that_shows_a_draft_shows_it_signed_with_the_current_name(alice, alice_client, thank_you):
    search = SearchFactory(owner=alice, started_on=dt.date(2026, 1, 5), ended_on=dt.date(2026, 3, 4), outcome="Done")
    giver = ContactFactory(owner=alice)
    LedgerEntryFactory(
        owner=alice, contact=giver, direction=Direction.RECEIVED, occurred_on=dt.date(2026, 2, 1), description="Advice"
    )
    [report] = services.search_closed(search)
    FollowUp.objects.filter(pk=thank_you.pk).update(due_on=NOW.date())
    rename(alice)
    _, token = api_services.create_token(alice, name="script")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")

    review = alice_client.get(reverse("followups:review_outcome_reports", args=[search.pk])).content.decode()
    dashboard = alice_client.get(reverse("dashboard")).content.decode()
    listed = api.get("/api/v1/followups/").json()["results"]
    one = api.get(f"/api/v1/followups/{report.pk}/").json()

    assert "Alice Tanaka" in review and "Alice Archer" not in review
    assert "Alice Tanaka" in dashboard and "Alice Archer" not in dashboard
    assert all(row["message"].endswith("Alice Tanaka") for row in listed) and len(listed) == 2
    assert one["message"].endswith(NEW)
    assert report.state == FollowUpState.PROPOSED
