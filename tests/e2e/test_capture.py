"""From a LinkedIn profile to a contact with one click on the bookmarklet (a static page imitates LinkedIn)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from contacts.models import Contact, Interaction

from .conftest import log_in, screenshot, serious_accessibility_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PROFILE_PAGE = """<!doctype html><html><head><title>(3) Ken Watanabe | LinkedIn</title></head><body>
<main><section class="artdeco-card"><div class="pv-text-details__left-panel">
  <h1 class="text-heading-xlarge">Ken Watanabe</h1>
  <div class="text-body-medium break-words">Head of PMO at Globex Corp</div>
  <span class="text-body-small">Albuquerque, New Mexico</span>
</div></section></main></body></html>"""


def test_the_bookmarklet_on_a_linkedin_profile_opens_a_prefilled_capture(page, live_server, alice):
    log_in(page, live_server.url, "alice", "correct horse battery staple")
    page.goto(f"{live_server.url}/contacts/import/")
    bookmarklet = page.locator("[data-capture-bookmarklet]").get_attribute("href")
    assert bookmarklet.startswith(f"javascript:(function(){{var b='{live_server.url}/contacts/capture/'")

    page.route("https://www.linkedin.com/**", lambda route: route.fulfill(body=PROFILE_PAGE, content_type="text/html"))
    page.goto("https://www.linkedin.com/in/ken-watanabe-42/?miniProfileUrn=urn%3Ali%3Afs&trk=people")
    # What clicking the bookmark does: run the link's script in the profile page.
    page.evaluate(
        "href => { const a = document.createElement('a'); a.href = href; a.id = 'bm'; a.textContent = 'bm';"
        " document.body.append(a); }",
        bookmarklet,
    )
    with page.expect_popup() as opened:
        page.click("#bm")
    capture = opened.value
    capture.wait_for_load_state()

    sent = urlsplit(capture.url)
    assert f"{sent.scheme}://{sent.netloc}{sent.path}" == f"{live_server.url}/contacts/capture/"
    assert parse_qs(sent.query) == {
        "url": ["https://www.linkedin.com/in/ken-watanabe-42/"],
        "name": ["Ken Watanabe"],
        "title": ["Head of PMO at Globex Corp"],
    }
    assert capture.get_by_label("First name").input_value() == "Ken"
    assert capture.get_by_label("Company").input_value() == "Globex Corp"
    assert serious_accessibility_violations(capture) == []
    screenshot(capture, "capture")

    capture.get_by_label("How", exact=True).select_option("comment")
    capture.get_by_label("Note", exact=True).fill("Liked my post on agile PMOs")
    capture.get_by_role("button", name="Save contact").click()
    capture.wait_for_url(f"{live_server.url}/contacts/*/")

    ken = Contact.objects.for_owner(alice).get()
    assert ken.title == "Head of PMO" and ken.linkedin_url == "https://www.linkedin.com/in/ken-watanabe-42"
    assert Interaction.objects.for_owner(alice).get().note == "Liked my post on agile PMOs"
