"""/api/v1/contacts/{id}/touches/: log a touch (restarting the keep-in-touch clock) and list them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from conftest import NOW
from contacts.models import Interaction
from contacts.tests.factories import ContactFactory, InteractionFactory


def url(contact) -> str:
    return f"/api/v1/contacts/{contact.pk}/touches/"


def test_logging_a_touch_restarts_the_keep_in_touch_clock(api, alice):
    ken = ContactFactory(owner=alice, cadence_days=30)
    when = NOW - timedelta(hours=2)
    response = api.post(
        url(ken), {"occurred_at": when.isoformat(), "channel": "call", "note": "Caught up"}, format="json"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["contact"] == ken.pk
    ken.refresh_from_db()
    assert ken.last_contacted_at == when
    assert Interaction.objects.get(contact=ken).owner == alice


def test_a_touch_in_the_future_is_refused_naming_the_field(api, alice):
    ken = ContactFactory(owner=alice)
    response = api.post(
        url(ken), {"occurred_at": (NOW + timedelta(days=1)).isoformat(), "channel": "call"}, format="json"
    )
    assert response.status_code == 400 and "occurred_at" in response.json()
    response = api.post(url(ken), {"channel": "pigeon"}, format="json")
    assert response.status_code == 400 and {"occurred_at", "channel"} <= set(response.json())
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("count", [2, 20])
def test_listing_touches_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    ken = ContactFactory(owner=alice)
    InteractionFactory.create_batch(count, owner=alice, contact=ken)
    InteractionFactory(owner=alice)  # someone else's touch stays out
    # the token with its owner, the contact (ownership), the page of touches
    with django_assert_num_queries(3):
        response = api.get(url(ken))
    assert len(response.json()["results"]) == count


def test_guards(alice, assert_api_guards):
    ken = ContactFactory(owner=alice)
    assert_api_guards("get", url(ken))
    assert_api_guards("post", url(ken), data={"occurred_at": NOW.isoformat(), "channel": "call"}, write=True)
    assert not Interaction.objects.exists()


def test_a_touch_logged_through_the_api_closes_the_keep_in_touch_loop(api, alice):
    from followups.models import FollowUpKind, FollowUpState
    from followups.tests.factories import FollowUpFactory

    ken = ContactFactory(owner=alice, last_contacted_at=NOW - timedelta(days=200))
    loop = FollowUpFactory(owner=alice, contact=ken, kind=FollowUpKind.KEEP_IN_TOUCH, due_on=NOW.date())

    when = (NOW - timedelta(hours=1)).isoformat()
    response = api.post(url(ken), {"occurred_at": when, "channel": "email"}, format="json")

    assert response.status_code == 201, response.json()
    loop.refresh_from_db()
    assert (loop.state, loop.closed_note) == (FollowUpState.DONE, "Closed by the email on 4 Mar")
