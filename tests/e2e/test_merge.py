"""Merging two records in a real browser: the preview says where each differing detail goes, then nothing is lost."""

from __future__ import annotations

import datetime as dt

import pytest

from contacts.models import Contact, NotDuplicate, Source, Stage
from contacts.tests.factories import ContactFactory, InteractionFactory, TagFactory

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def two_records_of_ken(alice):
    maria = ContactFactory(owner=alice, given_name="Maria", family_name="Garcia", company="Globex")
    keep = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Watanabe",
        company="Acme Corp",
        title="Project Manager",
        location="",
        emails=["ken@acme.example"],
        phones=["+1 505 555 0101"],
        source=Source.ALUMNI,
        notes="Met at the PMI chapter dinner.",
        stage=Stage.ACQUAINTANCE,
    )
    keep.tags.add(TagFactory(owner=alice, name="PM community", color="#7c3aed"))
    other = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Watanabe",
        company="Acme Corp",
        title="Program Director",
        location="Albuquerque, NM",
        emails=["KEN@acme.example", "ken.watanabe@home.example"],
        phones=["+1 (505) 555-0101", "+1 505 555 0199"],
        linkedin_url="https://www.linkedin.com/in/ken-watanabe",
        source=Source.LINKEDIN,
        met_on=dt.date(2024, 5, 1),
        introduced_by=maria,
        stage=Stage.IN_TOUCH,
        how_i_can_help="Introduce him to the UX meetup organiser.",
    )
    other.tags.add(TagFactory(owner=alice, name="Hiring", color="#b91c1c"))
    InteractionFactory.create_batch(2, owner=alice, contact=keep)
    return keep, other, maria


def test_the_merge_preview_then_merging_keeps_every_detail(page, live_server, alice):
    keep, other, maria = two_records_of_ken(alice)
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.goto(f"{live_server.url}/contacts/duplicates/")
    assert page.get_by_text("Suggested to keep", exact=True).count() == 1
    page.get_by_role("link", name="Merge into Ken Watanabe").click()
    plan = page.get_by_role("region", name="What happens to the removed record’s details")
    plan.wait_for()
    text = plan.inner_text()
    assert "Program Director" in text and "kept in notes" in text
    assert "ken.watanabe@home.example" in text and "+1 505 555 0199" in text
    assert "Albuquerque, NM" in text and "fills a blank" in text
    assert "Hiring" in text
    screenshot(page, "contacts-merge-preview")
    assert serious_accessibility_violations(page) == []

    page.get_by_role("button", name="Merge into Ken Watanabe").click()
    page.get_by_text("kept in the notes").wait_for()
    keep.refresh_from_db()
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert keep.emails == ["ken@acme.example", "ken.watanabe@home.example"]
    assert keep.phones == ["+1 505 555 0101", "+1 505 555 0199"]
    assert "Title: Program Director" in keep.notes
    assert keep.introduced_by == maria and keep.location == "Albuquerque, NM"
    assert {t.name for t in keep.tags.all()} == {"PM community", "Hiring"}


def test_not_the_same_person_from_the_duplicates_page_then_undone(page, live_server, alice):
    keep, other, _ = two_records_of_ken(alice)
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.goto(f"{live_server.url}/contacts/duplicates/")
    page.get_by_role("button", name="Not the same person").click()
    page.get_by_text("won't be suggested again").wait_for()
    assert NotDuplicate.objects.filter(owner=alice).count() == 1
    assert page.get_by_text("No likely duplicates").count() == 1
    page.get_by_text("Told apart").click()
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="These are the same after all").click()
    page.get_by_text("may be suggested as duplicates again").wait_for()
    assert not NotDuplicate.objects.exists()
    assert page.get_by_text("Suggested to keep", exact=True).count() == 1
