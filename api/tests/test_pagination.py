"""Cursor pagination on every list: the cursors it hands out work, and any other cursor is a clear 400."""

from __future__ import annotations

from base64 import b64encode
from datetime import date, timedelta

import pytest

from conftest import NOW
from contacts.tests.factories import ContactFactory, InteractionFactory, LedgerEntryFactory
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory, SearchFactory

NOT_OURS = (
    "This cursor was not issued by this list. Drop the cursor parameter to start again from the first page, "
    "then follow the next and previous links."
)


def _contacts(alice) -> str:
    ContactFactory.create_batch(3, owner=alice)
    return "/api/v1/contacts/"


def _touches(alice) -> str:
    contact = ContactFactory(owner=alice)
    for days in range(3):
        InteractionFactory(owner=alice, contact=contact, occurred_at=NOW - timedelta(days=days))
    return f"/api/v1/contacts/{contact.pk}/touches/"


def _ledger(alice) -> str:
    LedgerEntryFactory.create_batch(3, owner=alice)
    return "/api/v1/ledger/"


def _meetings(alice) -> str:
    MeetingFactory.create_batch(3, owner=alice)
    return "/api/v1/meetings/"


def _searches(alice) -> str:
    SearchFactory.create_batch(3, owner=alice)
    return "/api/v1/searches/"


def _followups(alice) -> str:
    # Two due the same day: the cursor needs its offset within the tie.
    for day in (1, 1, 2):
        FollowUpFactory(owner=alice, due_on=date(2026, 3, day))
    return "/api/v1/followups/"


LISTS = [_contacts, _touches, _ledger, _meetings, _searches, _followups]


def _cursor(querystring: str) -> str:
    """A cursor as the REST framework's own encoding writes it, for a tampering client."""
    return b64encode(querystring.encode()).decode()


@pytest.mark.parametrize("make_list", LISTS, ids=lambda make: make.__name__.strip("_"))
def test_every_list_pages_through_its_own_cursors_without_repeats(api, alice, make_list):
    url = make_list(alice)
    seen: list[int] = []
    page = api.get(url + "?page_size=1").json()
    while True:
        seen += [row["id"] for row in page["results"]]
        if not page["next"]:
            break
        response = api.get(page["next"])
        assert response.status_code == 200, response.json()
        page = response.json()
    assert len(seen) == len(set(seen)) == 3
    back = api.get(page["previous"])
    assert back.status_code == 200 and back.json()["results"][0]["id"] == seen[1]


@pytest.mark.parametrize("make_list", LISTS, ids=lambda make: make.__name__.strip("_"))
@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "%%%",
        _cursor("p=abc"),  # a position of the wrong type: was a 500
        _cursor("p=2026-03-01&o=1"),  # DRF's encoding, unsigned: a hand-made cursor
        _cursor("o=-1"),
        _cursor("x=1"),
    ],
    ids=["garbage", "percent", "bad-position", "hand-made", "negative-offset", "unknown-key"],
)
def test_a_cursor_this_api_did_not_issue_is_a_400_saying_to_start_again(api, alice, make_list, cursor):
    url = make_list(alice)
    response = api.get(url, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"cursor": [NOT_OURS]}


@pytest.mark.parametrize("make_list", LISTS, ids=lambda make: make.__name__.strip("_"))
def test_an_empty_cursor_is_the_first_page(api, alice, make_list):
    url = make_list(alice)
    first = api.get(url, {"page_size": 2}).json()

    response = api.get(url, {"page_size": 2, "cursor": ""})

    assert response.status_code == 200
    assert response.json() == first and first["next"] and first["previous"] is None


def test_a_cursor_from_another_list_is_refused(api, alice):
    ContactFactory.create_batch(3, owner=alice)
    LedgerEntryFactory.create_batch(3, owner=alice)
    next_contacts = api.get("/api/v1/contacts/?page_size=1").json()["next"]
    cursor = next_contacts.split("cursor=", 1)[1].split("&", 1)[0]
    response = api.get("/api/v1/ledger/?page_size=1&cursor=" + cursor)
    assert response.status_code == 400 and response.json() == {"cursor": [NOT_OURS]}


def test_a_cursor_for_one_contacts_touches_is_refused_for_anothers(api, alice):
    first = _touches(alice)
    second = _touches(alice)
    cursor = api.get(first + "?page_size=1").json()["next"].split("cursor=", 1)[1].split("&", 1)[0]
    response = api.get(second + "?page_size=1&cursor=" + cursor)
    assert response.status_code == 400 and response.json() == {"cursor": [NOT_OURS]}


def test_a_cursor_keeps_working_with_other_filters_and_page_sizes(api, alice):
    FollowUpFactory.create_batch(4, owner=alice, due_on=date(2026, 3, 4))
    first = api.get("/api/v1/followups/?page_size=2&due=today").json()
    cursor = first["next"].split("cursor=", 1)[1].split("&", 1)[0]
    response = api.get(f"/api/v1/followups/?page_size=3&cursor={cursor}")
    assert response.status_code == 200 and len(response.json()["results"]) == 2


def test_the_schema_says_what_a_cursor_is(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/ledger/"]["get"]["parameters"]
    cursor = next(p for p in parameters if p["name"] == "cursor")
    assert "400" in cursor["description"] and "next" in cursor["description"]
    assert "400" in schema["paths"]["/api/v1/ledger/"]["get"]["responses"]
