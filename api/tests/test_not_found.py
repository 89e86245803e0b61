"""An address under /api/v1/ that names nothing answers DRF's JSON 404, never the site's HTML page."""

from __future__ import annotations

import pytest

from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

NOT_FOUND = {"detail": "Not found."}
METHODS = ["get", "post", "put", "patch", "delete", "options"]


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("path", ["/api/v1/", "/api/v1/tags/", "/api/v1/tags", "/api/v1/contacts/1/nothing/", "/api/"])
def test_an_unknown_api_address_answers_a_json_404(api, settings, debug, method, path):
    settings.DEBUG = debug

    response = getattr(api, method)(path, {}, format="json")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == NOT_FOUND


@pytest.mark.parametrize("debug", [False, True], ids=["debug-off", "debug-on"])
def test_without_a_token_an_unknown_api_address_is_still_a_json_404(api_anonymous, settings, debug):
    settings.DEBUG = debug
    response = api_anonymous.get("/api/v1/tags/")
    assert response.status_code == 404 and response.json() == NOT_FOUND


def test_a_known_list_without_its_slash_is_still_redirected_to_it(api):
    response = api.get("/api/v1/contacts")
    assert response.status_code == 301 and response["Location"] == "/api/v1/contacts/"


def test_the_apis_own_404s_pass_through(api, bob):
    theirs = ContactFactory(owner=bob)
    response = api.get(f"/api/v1/contacts/{theirs.pk}/")
    assert response.status_code == 404 and response.json() == {"detail": "No Contact matches the given query."}


def test_an_unknown_page_outside_the_api_is_still_the_html_404(alice_client):
    response = alice_client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
