from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlparse

import pytest
from django.urls import reverse

from contacts.tests.factories import ContactFactory
from followups.models import FollowUp
from followups.tests.factories import FollowUpFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def followup(alice):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Ng", emails=["ken@example.org"])
    return FollowUpFactory(
        owner=alice, contact=ken, subject="Thanks & more", message="Dear Ken,\n\nThank you: 100% helpful.\n\nAlice"
    )


def test_the_page_shows_the_draft_with_a_properly_encoded_mailto_link(alice_client, followup):
    response = alice_client.get(followup.get_absolute_url())

    assert response.status_code == 200
    link = followup.mailto_url()
    assert link.replace("&", "&amp;") in response.content.decode()
    parsed = urlparse(link)
    assert parsed.scheme == "mailto" and unquote(parsed.path) == "ken@example.org"
    assert "+" not in parsed.query and "%0D%0A" in parsed.query
    query = parse_qs(parsed.query)
    assert query["subject"] == ["Thanks & more"]
    assert query["body"] == ["Dear Ken,\r\n\r\nThank you: 100% helpful.\r\n\r\nAlice"]
    assert 'data-copy-target="#id_message"' in response.content.decode()


def test_editing_the_draft_saves_it(alice_client, followup):
    response = alice_client.post(
        followup.get_absolute_url(),
        {"title": "Thank Ken", "due_on": "2026-03-06", "subject": "Thank you", "message": "Dear Ken, thanks."},
    )

    assert response.status_code == 302
    followup.refresh_from_db()
    assert (followup.message, str(followup.due_on)) == ("Dear Ken, thanks.", "2026-03-06")


def test_bad_input_shows_errors_and_saves_nothing(alice_client, followup):
    response = alice_client.post(followup.get_absolute_url(), {"title": "", "due_on": "someday", "message": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"title", "due_on"}
    assert FollowUp.objects.get(pk=followup.pk).message.startswith("Dear Ken,")


def test_bob_gets_a_404(followup, assert_hidden_from_bob):
    assert_hidden_from_bob(followup.get_absolute_url())
    assert_hidden_from_bob(followup.get_absolute_url(), method="post", data={"title": "x", "due_on": "2026-03-06"})


def test_the_page_costs_a_fixed_number_of_queries(alice_client, followup, django_assert_max_num_queries):
    # session, user, the follow-up with its contact, meeting and search
    with django_assert_max_num_queries(3):
        alice_client.get(followup.get_absolute_url())


def test_the_detail_url_is_named(followup):
    assert followup.get_absolute_url() == reverse("followups:detail", args=[followup.pk])


@pytest.mark.parametrize(
    ("due_on", "state", "says"),
    [
        ("2026-03-04", "open", "due today"),
        ("2026-03-02", "open", "overdue since"),
        ("2026-03-06", "open", "due Fri 6 Mar"),
        ("2026-03-04", "skipped", "skipped"),
    ],
)
def test_the_page_says_where_it_stands_as_the_list_does(alice_client, followup, due_on, state, says):
    FollowUp.objects.filter(pk=followup.pk).update(due_on=due_on, state=state)

    page = alice_client.get(followup.get_absolute_url()).content.decode()

    assert says in page
    assert ">Open<" not in page


def test_the_page_says_once_that_netweave_never_sends_it(alice_client, followup):
    page = alice_client.get(followup.get_absolute_url()).content.decode()

    assert page.count("netweave never") == 1
    assert "send it yourself to ken@example.org" in page


def test_the_title_and_message_grow_to_show_all_their_words(alice_client, followup):
    page = alice_client.get(followup.get_absolute_url()).content.decode()

    assert '<textarea name="title"' in page and '<textarea name="message"' in page
    assert page.count("data-autogrow") == 2


def test_a_line_break_typed_into_the_title_is_not_saved(alice_client, followup):
    alice_client.post(
        followup.get_absolute_url(),
        {"title": " Thank\r\nKen ", "due_on": "2026-03-06", "subject": "Thank you", "message": "Dear Ken, thanks."},
    )

    assert FollowUp.objects.get(pk=followup.pk).title == "Thank Ken"
