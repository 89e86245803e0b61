"""/api/v1/followups/: what is due (in the user's time zone), and done / snooze / skip."""

from __future__ import annotations

from datetime import date

import pytest

from followups.models import FollowUp, FollowUpState
from followups.tests.factories import FollowUpFactory

LIST = "/api/v1/followups/"
TODAY = date(2026, 3, 4)  # NOW in UTC


def ids(api, query: str) -> list[int]:
    response = api.get(LIST + query)
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


def test_due_today_overdue_and_this_week(api, alice):
    overdue = FollowUpFactory(owner=alice, due_on=date(2026, 3, 1))
    today = FollowUpFactory(owner=alice, due_on=TODAY)
    friday = FollowUpFactory(owner=alice, due_on=date(2026, 3, 6))
    FollowUpFactory(owner=alice, due_on=date(2026, 3, 20))
    FollowUpFactory(owner=alice, due_on=TODAY, snoozed_until=date(2026, 3, 5))
    FollowUpFactory(owner=alice, due_on=TODAY, state=FollowUpState.DONE)
    assert ids(api, "?due=today") == [today.pk]
    assert ids(api, "?due=overdue") == [overdue.pk]
    assert ids(api, "?due=week") == [today.pk, friday.pk]
    assert len(ids(api, "")) == 6
    assert len(ids(api, "?state=done")) == 1


def test_today_is_the_users_today(api, alice):
    # 10:30 UTC on 4 March is already 00:30 on 5 March in Kiritimati (UTC+14).
    alice.time_zone = "Pacific/Kiritimati"
    alice.save()
    tomorrow_in_utc = FollowUpFactory(owner=alice, due_on=date(2026, 3, 5))
    FollowUpFactory(owner=alice, due_on=TODAY)
    assert ids(api, "?due=today") == [tomorrow_in_utc.pk]


def test_a_bad_filter_is_a_400_naming_it(api, alice):
    assert set(api.get(LIST + "?due=someday").json()) == {"due"}
    assert set(api.get(LIST + "?state=lost").json()) == {"state"}


def test_done_snooze_and_skip(api, alice):
    thank, nudge, other = FollowUpFactory.create_batch(3, owner=alice)
    response = api.post(f"{LIST}{thank.pk}/done/")
    assert response.status_code == 200 and response.json()["state"] == "done"
    again = api.post(f"{LIST}{thank.pk}/done/")
    assert again.status_code == 409 and again.json()["code"] == "not_open"
    response = api.post(f"{LIST}{nudge.pk}/snooze/", {"days": 3}, format="json")
    assert response.status_code == 200 and response.json()["snoozed_until"] == "2026-03-07"
    assert set(api.post(f"{LIST}{nudge.pk}/snooze/", {"days": 5}, format="json").json()) == {"days"}
    assert api.post(f"{LIST}{other.pk}/skip/").json()["state"] == "skipped"
    assert api.post(f"{LIST}{other.pk}/snooze/", {"days": 1}, format="json").status_code == 409
    assert FollowUp.objects.get(pk=thank.pk).done_at is not None


@pytest.mark.parametrize("count", [2, 20])
def test_the_list_takes_a_constant_number_of_queries(api, alice, count, django_assert_num_queries):
    FollowUpFactory.create_batch(count, owner=alice)
    # the token with its owner, the page of follow-ups
    with django_assert_num_queries(2):
        response = api.get(LIST + "?due=today")
    assert len(response.json()["results"]) == count


def test_guards(alice, assert_api_guards):
    followup = FollowUpFactory(owner=alice)
    assert_api_guards("get", LIST, owned=False)
    assert_api_guards("get", f"{LIST}{followup.pk}/")
    for step in ("done", "skip"):
        assert_api_guards("post", f"{LIST}{followup.pk}/{step}/", write=True)
    assert_api_guards("post", f"{LIST}{followup.pk}/snooze/", data={"days": 3}, write=True)
    followup.refresh_from_db()
    assert (followup.state, followup.snoozed_until) == (FollowUpState.OPEN, None)
