"""Merging loses nothing: each differing value of the removed record is combined, fills a blank, or is noted."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from contacts.merging import editable_fields, plan_merge
from contacts.models import Contact, Source, Stage
from contacts.services import merge_contacts
from contacts.tests.factories import ContactFactory, ContactLinkFactory, InteractionFactory, TagFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 1)


def person(owner, **details):
    """A record of Ken Sato at Acme; the factory's random company and title would differ on every pair."""
    return ContactFactory(
        owner=owner, **{"given_name": "Ken", "family_name": "Sato", "company": "Acme", "title": "", **details}
    )


def test_emails_and_phones_are_combined_without_repeats_compared_normalised(alice):
    keep = person(owner=alice, emails=["ken@acme.example"], phones=["+1 505-555-0101"])
    other = person(
        owner=alice, emails=["KEN@acme.example", "ken@home.example"], phones=["+1 505 555 0101", "+1 505 555 0199"]
    )

    merge_contacts(keep, duplicate=other, today=TODAY)

    keep.refresh_from_db()
    assert keep.emails == ["ken@acme.example", "ken@home.example"]
    assert keep.phones == ["+1 505-555-0101", "+1 505 555 0199"]


def test_a_differing_title_is_kept_in_the_notes_under_a_dated_line(alice):
    keep = person(owner=alice, title="Project Manager", company="Acme", location="Denver, CO", notes="")
    other = person(
        owner=alice,
        title="Program Director",
        company="acme ",  # the same company, typed differently: not a difference
        location="Remote",
        website="https://ken.example",
        source=Source.LINKEDIN,
        met_on=dt.date(2020, 5, 1),
        how_i_can_help="Intro to the UX meetup",
        notes="Loves agile",
    )
    keep.source, keep.met_on = Source.ALUMNI, dt.date(2021, 1, 2)
    keep.how_i_can_help = "Share PMP notes"
    keep.save()

    merge_contacts(keep, duplicate=other, today=TODAY)

    keep.refresh_from_db()
    assert keep.title == "Project Manager"
    assert keep.website == "https://ken.example"  # a blank, filled
    assert keep.notes.splitlines() == [
        "Loves agile",  # the kept record's notes were blank: filled
        "",
        "From the merged record (1 Dec 2026):",
        "Title: Program Director",
        "Location: Remote",
        "Where you met: LinkedIn",
        "Met on: 1 May 2020",
        "How I can help them: Intro to the UX meetup",
    ]


def test_every_editable_field_is_either_combined_filled_or_noted(alice):
    """Derived from the model: a field added later is covered without touching the merge."""
    keep = person(owner=alice)
    other = person(owner=alice)
    handled_elsewhere = {"emails", "phones", "stage", "introduced_by", "given_name", "family_name"}
    for model_field in editable_fields():
        if model_field.name in handled_elsewhere or model_field.is_relation:
            continue
        internal = model_field.get_internal_type()
        if model_field.choices:
            values = [value for value, _ in model_field.choices if value != Source.OTHER]
            setattr(keep, model_field.attname, values[0])
            setattr(other, model_field.attname, values[1])
        elif internal == "BooleanField":
            setattr(keep, model_field.attname, False)
            setattr(other, model_field.attname, True)
        elif internal == "DateField":
            setattr(keep, model_field.attname, dt.date(2020, 1, 1))
            setattr(other, model_field.attname, dt.date(2021, 1, 1))
        elif "Integer" in internal:
            setattr(keep, model_field.attname, 10)
            setattr(other, model_field.attname, 20)
        elif internal == "URLField" or isinstance(model_field, type(Contact._meta.get_field("website"))):
            setattr(keep, model_field.attname, "https://one.example")
            setattr(other, model_field.attname, f"https://{model_field.name.replace('_', '')}.example")
        else:
            setattr(keep, model_field.attname, "mine")
            setattr(other, model_field.attname, f"theirs-{model_field.name}")

    plan = plan_merge(keep, other)

    covered = {detail.name for detail, _ in plan.filled} | {detail.name for detail in plan.kept_in_notes}
    expected = {f.name for f in editable_fields() if f.name not in handled_elsewhere and not f.is_relation}
    assert covered == expected


def test_blanks_on_the_kept_record_are_filled_instead_of_noted(alice):
    keep = person(owner=alice, title="", location="", linkedin_url="", cadence_days=None)
    other = person(
        owner=alice,
        title="Program Director",
        location="Remote",
        linkedin_url="https://linkedin.com/in/k",
        cadence_days=30,
    )

    merge_contacts(keep, duplicate=other, today=TODAY)

    keep.refresh_from_db()
    assert (keep.title, keep.location, keep.linkedin_url, keep.cadence_days) == (
        "Program Director",
        "Remote",
        "https://linkedin.com/in/k",
        30,
    )
    assert "From the merged record" not in keep.notes


def test_tags_are_united(alice):
    hiring, mentor = TagFactory(owner=alice, name="Hiring"), TagFactory(owner=alice, name="Mentor")
    keep, other = person(owner=alice), person(owner=alice)
    keep.tags.add(hiring)
    other.tags.add(hiring, mentor)

    merge_contacts(keep, duplicate=other, today=TODAY)

    assert set(keep.tags.all()) == {hiring, mentor}


def test_the_introducer_is_kept_if_set_else_taken_and_a_differing_one_is_noted(alice):
    maria, omar = person(owner=alice, given_name="Maria"), person(owner=alice, given_name="Omar")
    keep = person(owner=alice, introduced_by=None)
    merge_contacts(keep, duplicate=person(owner=alice, introduced_by=maria), today=TODAY)
    keep.refresh_from_db()
    assert keep.introduced_by == maria

    merge_contacts(keep, duplicate=person(owner=alice, introduced_by=omar), today=TODAY)
    keep.refresh_from_db()
    assert keep.introduced_by == maria
    assert f"Introduced by: {omar.full_name}" in keep.notes


def test_the_merge_page_previews_each_differing_value_and_its_fate(alice_client, alice):
    keep = person(owner=alice, title="Project Manager", location="", emails=["ken@acme.example"])
    other = person(owner=alice, title="Program Director", location="Remote", emails=["ken@home.example"])

    page = alice_client.get(reverse("contacts:merge", args=[keep.pk, other.pk])).content.decode()

    assert "Program Director" in page and "kept in notes" in page
    assert "Remote" in page and "fills a blank" in page
    assert "ken@home.example" in page and "added" in page
    assert "nothing was lost" not in page


def test_the_message_after_merging_tells_what_went_to_the_notes(alice_client, alice):
    keep = person(owner=alice, title="Project Manager")
    other = person(owner=alice, title="Program Director")

    response = alice_client.post(reverse("contacts:merge", args=[keep.pk, other.pk]), follow=True)

    assert "1 differing detail kept in the notes" in response.content.decode()
    keep.refresh_from_db()
    assert "Title: Program Director" in keep.notes


def test_the_message_after_merging_two_records_of_one_name_names_them_once(alice_client, alice):
    keep, other = person(owner=alice, title="Project Manager"), person(owner=alice, title="Program Director")

    response = alice_client.post(reverse("contacts:merge", args=[keep.pk, other.pk]), follow=True)

    message = [str(m) for m in response.context["messages"]]
    assert message == ["Merged the two records of Ken Sato; 1 differing detail kept in the notes."]


def test_the_message_after_merging_two_names_says_which_went_into_which(alice_client, alice):
    keep, other = person(owner=alice), person(owner=alice, given_name="Kenji")

    response = alice_client.post(reverse("contacts:merge", args=[keep.pk, other.pk]), follow=True)

    message = [str(m) for m in response.context["messages"]]
    assert message == ["Merged Kenji Sato into Ken Sato; 1 differing detail kept in the notes."]


def test_the_merge_page_names_each_record_by_its_heading_not_by_where_it_sits(alice_client, alice):
    keep, other = person(owner=alice), person(owner=alice)
    InteractionFactory.create_batch(2, owner=alice, contact=other)

    page = alice_client.get(reverse("contacts:merge", args=[keep.pk, other.pk])).content.decode()

    # Side by side on a wide screen, one above the other on a phone: "left" and "right" fit only one.
    assert "on the right" not in page and "on the left" not in page
    assert "the record under “Remove” moves to the one under “Keep”" in page
    assert "The record under “Remove” has more history" in page
    assert "What happens to the removed record’s details" in page


def test_the_merge_page_lists_only_the_history_each_record_has_each_count_kept_with_its_word(alice_client, alice):
    keep, other = person(owner=alice), person(owner=alice)
    InteractionFactory.create_batch(2, owner=alice, contact=keep)
    ContactLinkFactory(owner=alice, person=keep)

    page = alice_client.get(reverse("contacts:merge", args=[keep.pk, other.pk])).content.decode()

    assert '<span class="text-nowrap">2 touches</span>, <span class="text-nowrap">1 link</span></dd>' in page
    assert '<dt class="col-5">History</dt><dd class="col-7">No history</dd>' in page
    assert "0 give/get" not in page and "0 meetings" not in page and "0 follow-ups" not in page


def test_the_merge_page_suggests_keeping_the_other_record_when_it_has_more_history(alice_client, alice):
    keep, other = person(owner=alice), person(owner=alice)
    InteractionFactory.create_batch(2, owner=alice, contact=other)

    page = alice_client.get(reverse("contacts:merge", args=[keep.pk, other.pk])).content.decode()

    assert "has more history" in page
    assert (
        "has more history" not in alice_client.get(reverse("contacts:merge", args=[other.pk, keep.pk])).content.decode()
    )


def test_stage_moves_forward_only(alice):
    keep = person(owner=alice, stage=Stage.ALLY)
    merge_contacts(keep, duplicate=person(owner=alice, stage=Stage.ACQUAINTANCE), today=TODAY)
    keep.refresh_from_db()
    assert keep.stage == Stage.ALLY


def test_notes_the_kept_record_already_holds_are_not_repeated(alice):
    keep = person(alice, notes="Met at PMI.\n\nLoves agile.")
    merge_contacts(keep, duplicate=person(alice, notes="loves   agile."), today=TODAY)
    keep.refresh_from_db()
    assert keep.notes == "Met at PMI.\n\nLoves agile."


def test_on_a_tie_the_merge_page_suggests_keeping_the_older_record(alice_client, alice):
    older, newer = person(alice), person(alice)

    page = alice_client.get(reverse("contacts:merge", args=[newer.pk, older.pk])).content.decode()

    assert "has as much history and is the older record" in page
