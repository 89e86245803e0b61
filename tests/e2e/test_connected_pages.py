"""The seams between the apps: from a contact to a meeting, a search, their follow-ups, and back."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from contacts.tests.factories import ContactFactory, ImportRunFactory
from followups.models import FollowUp, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory, SearchFactory

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_contact_page_leads_to_meetings_searches_and_follow_ups(page, live_server, alice):
    referrer = ContactFactory(owner=alice, given_name="Alice", family_name="Smith", company="Acme Corp")
    ken = ContactFactory(
        owner=alice,
        given_name="Ken",
        family_name="Watanabe",
        company="Presbyterian Health",
        title="Program Director",
        introduced_by=referrer,
    )
    mia = ContactFactory(owner=alice, given_name="Mia", family_name="Lund", company="Globex", title="Recruiter")
    search = SearchFactory(owner=alice, title="A project-management role in Albuquerque")
    MeetingFactory(owner=alice, contact=referrer, search=search, state="held")
    thank = FollowUpFactory(owner=alice, contact=ken, title="Thank Ken for the PMO tips")
    FollowUpFactory(owner=alice, contact=ken, title="Send Ken the article on agile PMOs")
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    # The contact page: to-dos first, then plan a meeting or see them in the network.
    page.goto(f"{live_server.url}{ken.get_absolute_url()}")
    expect(page.get_by_role("heading", name="To do with Ken")).to_be_visible()
    screenshot(page, "integration-contact")
    assert serious_accessibility_violations(page) == []
    to_do = page.get_by_role("region", name="To do with Ken")
    thank_row = to_do.get_by_role("listitem").filter(has_text="Thank Ken for the PMO tips")
    thank_row.get_by_role("button", name="Done").click()
    expect(page.get_by_text("Done: Thank Ken for the PMO tips.")).to_be_visible()
    thank.refresh_from_db()
    assert thank.state == FollowUpState.DONE
    assert page.url.endswith(ken.get_absolute_url())

    # Add Ken to the search from his page.
    page.get_by_label("Add Ken to a search").select_option(label=search.title)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"Ken Watanabe is now part of “{search.title}”.")).to_be_visible()
    expect(page.get_by_role("link", name=search.title)).to_be_visible()
    screenshot(page, "integration-contact-in-search")

    # The search page: Ken added, Alice met in a meeting; add Mia by typing.
    page.get_by_role("link", name=search.title).click()
    page.get_by_label("Add someone to this search").fill("Mia Lu")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text(f"Mia Lund is now part of “{search.title}”.")).to_be_visible()
    people = page.locator("#people")
    for name in ("Alice Smith", "Ken Watanabe", "Mia Lund"):
        expect(people.get_by_role("link", name=name)).to_be_visible()
    screenshot(page, "integration-search-people")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Take Mia Lund out of this search").click()
    expect(page.get_by_text(f"Mia Lund is no longer part of “{search.title}”.")).to_be_visible()
    assert list(search.contacts.all()) == [ken]
    assert mia.searches.count() == 0

    # Plan a meeting from the contact page: Ken is already chosen.
    page.goto(f"{live_server.url}{ken.get_absolute_url()}")
    page.get_by_role("link", name="Plan a meeting").click()
    expect(page.get_by_text("Ken Watanabe").first).to_be_visible()
    assert "contact=" in page.url

    # Search the follow-ups list.
    page.goto(f"{live_server.url}/followups/?q=agile")
    expect(page.get_by_text("Showing the follow-ups matching “agile”.")).to_be_visible()
    expect(page.get_by_role("link", name="Send Ken the article on agile PMOs")).to_be_visible()
    screenshot(page, "integration-followups-search")
    assert serious_accessibility_violations(page) == []
    assert FollowUp.objects.filter(state=FollowUpState.OPEN).count() == 1


def test_an_import_summary_links_to_the_people_it_created(page, live_server, alice):
    run = ImportRunFactory(owner=alice, file_name="Connections.csv", created_count=2)
    for name in ("Ada", "Grace"):
        ContactFactory(owner=alice, given_name=name, family_name="Imported", import_run=run)
    ContactFactory(owner=alice, given_name="Typed", family_name="By Hand")
    log_in(page, live_server.url, "alice", "correct horse battery staple")

    page.goto(f"{live_server.url}/contacts/import/history/{run.pk}/")
    screenshot(page, "integration-import-summary")
    page.get_by_role("link", name="The contacts this import created").click()
    expect(page.get_by_text("Created by the import of Connections.csv")).to_be_visible()
    expect(page.get_by_role("link", name="Ada Imported")).to_be_visible()
    expect(page.get_by_role("link", name="Typed By Hand")).to_have_count(0)
    screenshot(page, "integration-contacts-by-import")
    assert serious_accessibility_violations(page) == []
