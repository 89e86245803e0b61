"""Outreach letters: safe placeholders, the mailto link, the letter page and the user's templates."""

from __future__ import annotations

from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse

from contacts.tests.factories import ContactFactory
from meetings.defaults import DEFAULT_TEMPLATES
from meetings.letters import mailto_link, render_letter, unknown_placeholders
from meetings.models import MeetingState, OutreachTemplate

from .factories import MeetingFactory, OutreachTemplateFactory, SearchFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(alice):
    alice_smith = ContactFactory(owner=alice, given_name="Alice", family_name="Smith")
    ken = ContactFactory(
        owner=alice,
        given_name="Kenneth",
        preferred_name="Ken",
        family_name="Watanabe",
        company="Acme",
        title="Program Director",
        emails=["ken@acme.example"],
        introduced_by=alice_smith,
    )
    return MeetingFactory(owner=alice, contact=ken, purpose="role")


def test_a_letter_is_filled_with_the_contacts_and_the_users_fields(meeting, alice):
    template = OutreachTemplateFactory(owner=alice)

    letter = render_letter(template, meeting=meeting, user=alice)

    assert letter.to == "ken@acme.example"
    assert letter.subject == "Alice suggested I contact you"
    assert letter.body == "Dear Ken,\n\nAlice suggested I write. Could I have 20 minutes?\n\nAlice Archer"


def test_the_topic_is_the_search_when_the_meeting_belongs_to_one(meeting, alice):
    meeting.search = SearchFactory(owner=alice, title="A project-management role in Albuquerque")
    template = OutreachTemplateFactory(owner=alice, body="I am learning about {topic}.")

    assert render_letter(template, meeting=meeting, user=alice).body == (
        "I am learning about a project-management role in Albuquerque."
    )


def test_templates_are_never_run_as_django_templates(meeting, alice):
    template = OutreachTemplateFactory(
        owner=alice, subject="{{ settings.SECRET_KEY }}", body="{% load static %}{first_name.__class__} {unknown}"
    )

    letter = render_letter(template, meeting=meeting, user=alice)

    assert letter.subject == "{{ settings.SECRET_KEY }}"
    assert letter.body == "{% load static %}{first_name.__class__} {unknown}"


def test_unknown_placeholders_are_named():
    assert unknown_placeholders("Dear {first_name}, about {compnay} and {job}") == ["compnay", "job"]


def test_the_mailto_link_is_percent_encoded_with_crlf_line_breaks():
    link = mailto_link("ken+pm@acme.example", subject="Coffee & advice?", body="Dear Ken,\n\n20 minutes?\n— Alice")

    parts = urlsplit(link)
    assert parts.scheme == "mailto" and unquote(parts.path) == "ken+pm@acme.example"
    assert "+" not in parts.query  # spaces are %20, never "+" (mail clients show a literal plus)
    query = parse_qs(parts.query)
    assert query["subject"] == ["Coffee & advice?"]
    assert query["body"] == ["Dear Ken,\r\n\r\n20 minutes?\r\n— Alice"]


def test_the_default_letters_ask_for_advice_and_never_for_a_job():
    for template in DEFAULT_TEMPLATES:
        text = (template["subject"] + " " + template["body"]).lower()
        assert "minutes" in template["body"]
        assert "advice" in text or "perspective" in text
        for line in text.splitlines():
            if "job" in line:
                assert "not asking" in line or "not a job" in line, line


def test_the_letter_page_picks_the_referral_letter_for_an_introduced_contact(
    meeting, alice_client, django_assert_max_num_queries
):
    alice_client.get(reverse("meetings:letter", args=[meeting.pk]))  # the first visit seeds the defaults

    # session, user, meeting+contact+referrer+search, templates exist?, questions exist?, templates
    with django_assert_max_num_queries(6):
        response = alice_client.get(reverse("meetings:letter", args=[meeting.pk]))

    assert response.context["chosen"].kind == "referral"
    content = response.content.decode()
    assert "Alice suggested I contact you" in content
    assert "mailto:ken@acme.example?subject=Alice%20suggested%20I%20contact%20you&amp;body=Dear%20Ken" in content
    assert 'data-copy-target="#letter-body"' in content
    assert reverse("meetings:mark_sent", args=[meeting.pk]) in content


def test_the_letter_page_uses_the_chosen_template(meeting, alice, alice_client):
    mine = OutreachTemplateFactory(owner=alice, name="Mine", subject="Hello {first_name}")

    response = alice_client.get(reverse("meetings:letter", args=[meeting.pk]), {"template": mine.pk})

    assert response.context["letter"].subject == "Hello Ken"


def test_someone_elses_template_is_never_used(meeting, alice, bob, alice_client):
    bobs = OutreachTemplateFactory(owner=bob, subject="Bob's secret {first_name}")

    response = alice_client.get(reverse("meetings:letter", args=[meeting.pk]), {"template": bobs.pk})

    assert response.context["chosen"].owner == alice
    assert "Bob's secret" not in response.content.decode()


def test_once_sent_the_letter_page_says_when(meeting, alice_client):
    meeting.state = MeetingState.REQUESTED
    meeting.save()

    response = alice_client.get(reverse("meetings:letter", args=[meeting.pk]))

    assert reverse("meetings:mark_sent", args=[meeting.pk]) not in response.content.decode()


def test_someone_elses_letter_page_is_a_404(meeting, assert_hidden_from_bob):
    assert_hidden_from_bob(reverse("meetings:letter", args=[meeting.pk]))


# --- The user's templates ---------------------------------------------------------------


def test_the_template_list_starts_with_good_defaults(alice, alice_client, django_assert_max_num_queries):
    alice_client.get(reverse("meetings:template_list"))

    # session, user, templates exist?, questions exist?, the templates
    with django_assert_max_num_queries(5):
        response = alice_client.get(reverse("meetings:template_list"))

    assert [t.kind for t in response.context["object_list"]] == ["alumni", "cold", "event", "referral"]


def test_adding_a_template(alice, alice_client):
    response = alice_client.post(
        reverse("meetings:template_create"),
        {"name": "Conference", "kind": "event", "subject": "After {how_we_met}", "body": "Dear {first_name}"},
    )

    assert response.url == reverse("meetings:template_list")
    assert OutreachTemplate.objects.get(name="Conference").owner == alice


def test_a_template_with_an_unknown_placeholder_is_refused_with_the_list_of_known_ones(alice, alice_client):
    response = alice_client.post(
        reverse("meetings:template_create"),
        {"name": "Typo", "kind": "cold", "subject": "Hi", "body": "Dear {frist_name}"},
    )

    assert response.status_code == 200
    (error,) = response.context["form"].errors["body"]
    assert error.startswith("Unknown placeholder {frist_name}. You can use: {first_name}, {full_name}")
    assert not OutreachTemplate.objects.filter(name="Typo").exists()
    assert "Dear {frist_name}" in response.content.decode()


def test_editing_a_template(alice, alice_client, django_assert_max_num_queries):
    template = OutreachTemplateFactory(owner=alice)
    url = reverse("meetings:template_edit", args=[template.pk])

    # session, user, template
    with django_assert_max_num_queries(3):
        alice_client.get(url)
    alice_client.post(
        url, {"name": "Warm", "kind": "referral", "subject": "Hi {first_name}", "body": "Dear {first_name}"}
    )

    template.refresh_from_db()
    assert (template.name, template.subject) == ("Warm", "Hi {first_name}")


def test_copying_a_template_opens_the_copy(alice, alice_client):
    template = OutreachTemplateFactory(owner=alice, name="Cold")

    response = alice_client.post(reverse("meetings:template_copy", args=[template.pk]))

    copy = OutreachTemplate.objects.get(name="Cold (copy)")
    assert response.url == reverse("meetings:template_edit", args=[copy.pk])
    assert (copy.owner, copy.body) == (alice, template.body)


def test_deleting_a_template(alice, alice_client):
    template = OutreachTemplateFactory(owner=alice)

    alice_client.post(reverse("meetings:template_delete", args=[template.pk]))

    assert not OutreachTemplate.objects.filter(pk=template.pk).exists()


@pytest.mark.parametrize("name", ["template_copy", "template_delete"])
def test_template_buttons_only_answer_post(alice, alice_client, name):
    template = OutreachTemplateFactory(owner=alice)

    assert alice_client.get(reverse(f"meetings:{name}", args=[template.pk])).status_code == 405


def test_someone_elses_templates_are_404s(alice, assert_hidden_from_bob):
    template = OutreachTemplateFactory(owner=alice)

    assert_hidden_from_bob(reverse("meetings:template_edit", args=[template.pk]))
    assert_hidden_from_bob(
        reverse("meetings:template_edit", args=[template.pk]),
        method="post",
        data={"name": "Bob", "kind": "cold", "subject": "x", "body": "y"},
    )
    assert_hidden_from_bob(reverse("meetings:template_copy", args=[template.pk]), method="post")
    assert_hidden_from_bob(reverse("meetings:template_delete", args=[template.pk]), method="post")
    template.refresh_from_db()
    assert OutreachTemplate.objects.count() == 1 and template.name == "Through a referral"


def test_the_template_list_shows_only_your_own_templates(alice, bob_client):
    OutreachTemplateFactory(owner=alice, name="Alice's own")

    response = bob_client.get(reverse("meetings:template_list"))

    assert "Alice's own" not in [t.name for t in response.context["object_list"]]
    assert {t.owner.username for t in response.context["object_list"]} == {"bob"}


def test_a_role_search_reads_naturally_in_every_default_letter(meeting, alice):
    meeting.search = SearchFactory(owner=alice, title="Senior PM role")
    bodies = [
        render_letter(OutreachTemplate(subject="", body=default["body"]), meeting=meeting, user=alice).body
        for default in DEFAULT_TEMPLATES
    ]

    assert "I am learning about the senior PM role, and Alice said" in bodies[0]
    assert "I am exploring the senior PM role and" in bodies[1]
    assert "your experience with the senior PM role." in bodies[3]


def test_a_role_meeting_without_a_search_asks_what_the_person_does(meeting, alice):
    meeting.contact.title = "Engineering Manager"
    template = OutreachTemplateFactory(owner=alice, body="I am learning about {topic}.")

    assert render_letter(template, meeting=meeting, user=alice).body == (
        "I am learning about what an Engineering Manager does."
    )


def test_a_letter_asking_for_more_than_30_minutes_carries_a_warning(meeting, alice_client):
    meeting.duration_minutes = 240
    meeting.save()

    content = alice_client.get(reverse("meetings:letter", args=[meeting.pk])).content.decode()

    assert "240 minutes is a lot to ask: an informational interview takes 15 to 30 minutes" in content
    assert reverse("meetings:edit", args=[meeting.pk]) in content
    assert "15 to 30 minutes</strong> (this one asks for 240)" in content  # the tips panel


def test_a_letter_asking_for_30_minutes_has_no_warning(meeting, alice_client):
    meeting.duration_minutes = 30
    meeting.save()

    content = alice_client.get(reverse("meetings:letter", args=[meeting.pk])).content.decode()

    assert 'id="long-warning"' not in content
    assert "Asks for advice and 30 minutes, not a job." in content
