from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from conftest import NOW
from contacts.tests.factories import ContactFactory
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from followups.views import OVERVIEW_LIMIT
from meetings.tests.factories import SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

URL = reverse("followups:list")
TODAY = NOW.date()


def test_the_list_shows_overdue_due_today_upcoming_and_done(alice, alice_client):
    FollowUpFactory(owner=alice, title="Overdue note", due_on=TODAY - dt.timedelta(days=2))
    FollowUpFactory(owner=alice, title="Today's note", due_on=TODAY)
    FollowUpFactory(owner=alice, title="Snoozed note", due_on=TODAY, snoozed_until=TODAY + dt.timedelta(days=3))
    FollowUpFactory(owner=alice, title="Next week's note", due_on=TODAY + dt.timedelta(days=7))
    FollowUpFactory(owner=alice, title="Closed note", state=FollowUpState.DONE, done_at=NOW)

    response = alice_client.get(URL)

    sections = {s["id"]: [f.title for f in s["items"]] for s in response.context["sections"]}
    assert sections == {
        "overdue": ["Overdue note"],
        "today": ["Today's note"],
        "upcoming": ["Snoozed note", "Next week's note"],
        "done": ["Closed note"],
    }
    assert {s["id"]: s["count"] for s in response.context["sections"]} == {
        "overdue": 1,
        "today": 1,
        "upcoming": 2,
        "done": 1,
    }
    assert "snoozed until" in response.content.decode()


def test_the_overview_counts_done_and_skipped_up_to_a_cap_and_their_section_counts_them_all(
    alice, alice_client, monkeypatch
):
    monkeypatch.setattr("followups.views.CLOSED_COUNT_CAP", 3)
    monkeypatch.setattr("followups.views.OVERVIEW_LIMIT", 2)
    for _ in range(5):
        FollowUpFactory(owner=alice, state=FollowUpState.DONE, done_at=NOW)
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=1))

    overview = alice_client.get(URL)

    sections = {s["id"]: s for s in overview.context["sections"]}
    assert sections["done"]["count_label"] == "3+"
    assert sections["overdue"]["count_label"] == "1"
    assert "Show all 3+ done and skipped" in overview.content.decode()
    done = alice_client.get(URL, {"show": "done"})
    assert done.context["shown"]["count"] == 5
    assert ("done", 5, "5") in [(section.id, count, label) for section, count, label in done.context["tabs"]]
    overdue = alice_client.get(URL, {"show": "overdue"})
    assert ("done", 4, "3+") in [(section.id, count, label) for section, count, label in overdue.context["tabs"]]


def test_outcome_reports_waiting_for_review_are_flagged(alice, alice_client):
    search = SearchFactory(owner=alice, title="Product roles")
    FollowUpFactory(owner=alice, search=search, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED)

    response = alice_client.get(URL)

    assert reverse("followups:review_outcome_reports", args=[search.pk]) in response.content.decode()
    assert "1 outcome report</strong> waiting" in response.content.decode()


def test_bob_sees_none_of_alices_follow_ups(alice, bob_client):
    FollowUpFactory(owner=alice, title="Alice's secret", due_on=TODAY)

    response = bob_client.get(URL)

    assert "Alice's secret" not in response.content.decode()


@pytest.mark.parametrize("count", [2, 40])
def test_the_list_costs_the_same_queries_at_any_size(alice, alice_client, count, django_assert_max_num_queries):
    for i in range(count):
        FollowUpFactory(owner=alice, due_on=TODAY + dt.timedelta(days=i - count // 2))
    # session, user, the section totals (one aggregate), overdue, due today, upcoming,
    # done and skipped (the first few of each), outcome reports waiting
    with django_assert_max_num_queries(8):
        assert alice_client.get(URL).status_code == 200


def test_the_overview_shows_the_most_urgent_few_and_links_to_the_whole_section(alice, alice_client):
    for days in range(1, OVERVIEW_LIMIT + 4):
        FollowUpFactory(owner=alice, title=f"Overdue by {days}", due_on=TODAY - dt.timedelta(days=days))

    response = alice_client.get(URL)

    overdue = next(s for s in response.context["sections"] if s["id"] == "overdue")
    assert [f.title for f in overdue["items"]] == [f"Overdue by {d}" for d in range(OVERVIEW_LIMIT + 3, 3, -1)]
    assert overdue["count"] == OVERVIEW_LIMIT + 3
    assert f'href="?show=overdue">Show all {OVERVIEW_LIMIT + 3} overdue' in response.content.decode()


def test_a_section_without_more_rows_than_the_overview_has_no_show_all_link(alice, alice_client):
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=1))

    response = alice_client.get(URL)

    assert "Show all" not in response.content.decode()


def test_the_rows_link_to_the_follow_up_its_contact_and_its_actions(alice, alice_client):
    followup = FollowUpFactory(owner=alice, title="Thank Ada <3", due_on=TODAY)

    page = alice_client.get(URL).content.decode()

    assert f'href="{followup.get_absolute_url()}">Thank Ada &lt;3</a>' in page
    assert f'href="{followup.contact.get_absolute_url()}">' in page
    for action in ("done", "snooze", "skip"):
        assert f'action="{reverse(f"followups:{action}", args=[followup.pk])}"' in page
    assert 'name="csrfmiddlewaretoken"' in page and f'name="next" value="{URL}"' in page


def test_closed_rows_offer_reopen_and_say_when_they_were_done(alice, alice_client):
    followup = FollowUpFactory(owner=alice, state=FollowUpState.DONE, done_at=NOW)

    page = alice_client.get(URL).content.decode()

    assert f'action="{reverse("followups:reopen", args=[followup.pk])}"' in page
    assert "done Wed 4 Mar" in page


def test_a_snoozed_overdue_follow_up_counts_as_upcoming_until_it_wakes(alice, alice_client):
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=5), snoozed_until=TODAY + dt.timedelta(days=2))
    FollowUpFactory(owner=alice, due_on=TODAY - dt.timedelta(days=5), snoozed_until=TODAY)

    response = alice_client.get(URL)

    assert {s["id"]: s["count"] for s in response.context["sections"]} == {
        "overdue": 1,
        "today": 0,
        "upcoming": 1,
        "done": 0,
    }


def test_a_search_narrows_every_section_by_title_person_or_draft(alice, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", family_name="Watanabe")
    mia = ContactFactory(owner=alice, given_name="Mia", family_name="Lund")
    FollowUpFactory(owner=alice, contact=mia, title="Send the PMO article", due_on=TODAY - dt.timedelta(days=1))
    FollowUpFactory(owner=alice, contact=ken, title="Thank Ken", due_on=TODAY)
    FollowUpFactory(owner=alice, contact=mia, title="Thank Mia", message="Loved your PMO story", due_on=TODAY)
    FollowUpFactory(owner=alice, contact=mia, title="Thank Mia again", state=FollowUpState.DONE, done_at=NOW)

    by_title = alice_client.get(URL, {"q": "pmo"})
    by_person = alice_client.get(URL, {"q": "watanabe"})
    across_fields = alice_client.get(URL, {"q": "again lund"})

    def found(response) -> list[str]:
        return [f.title for s in response.context["sections"] for f in s["items"]]

    assert found(by_title) == ["Send the PMO article", "Thank Mia"]
    assert found(by_person) == ["Thank Ken"]
    assert found(across_fields) == ["Thank Mia again"]
    assert "Showing the follow-ups matching “pmo”" in by_title.content.decode()


def test_a_search_counts_each_section_in_one_pass_as_the_plain_list_does(alice, bob):
    yesterday, tomorrow = TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=1)
    for title in ("Acme intro", "Other"):  # only the "Acme" ones match; the others are the same mix
        FollowUpFactory(owner=alice, title=title, due_on=yesterday)
        FollowUpFactory(owner=alice, title=title, due_on=yesterday, snoozed_until=TODAY)
        FollowUpFactory(owner=alice, title=title, due_on=TODAY)
        FollowUpFactory(owner=alice, title=title, due_on=tomorrow)
        FollowUpFactory(owner=alice, title=title, due_on=yesterday, snoozed_until=tomorrow)
        for state in (FollowUpState.DONE, FollowUpState.DONE, FollowUpState.SKIPPED):
            FollowUpFactory(owner=alice, title=title, state=state, done_at=NOW)
        FollowUpFactory(owner=alice, title=title, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED)
    FollowUpFactory(owner=bob, title="Acme intro", due_on=yesterday)
    searched = FollowUp.objects.for_owner(alice).search("acme", alice)

    expected = {"overdue": 2, "today": 1, "upcoming": 2, "done": 3}
    for cap, done in ((None, 3), (2, 3), (1, 2)):
        one_pass = searched.section_counts(TODAY, closed_up_to=cap, one_pass=True)
        assert one_pass == searched.section_counts(TODAY, closed_up_to=cap) == {**expected, "done": done}


def test_a_search_never_finds_bobs_follow_ups(alice, bob, alice_client):
    FollowUpFactory(owner=bob, title="Bob's PMO note", due_on=TODAY)

    response = alice_client.get(URL, {"q": "pmo"})

    assert "Bob's PMO note" not in response.content.decode()
    assert "No matches here." in response.content.decode()


def test_an_overlong_search_is_explained_and_the_whole_list_shown(alice, alice_client):
    FollowUpFactory(owner=alice, title="Thank Ken", due_on=TODAY)

    response = alice_client.get(URL, {"q": "x" * 201})

    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert [f.title for f in response.context["sections"][1]["items"]] == ["Thank Ken"]


def test_a_blank_search_shows_everything(alice, alice_client):
    FollowUpFactory(owner=alice, title="Thank Ken", due_on=TODAY)

    response = alice_client.get(URL, {"q": "   "})

    assert response.context["query"] == ""
    assert [f.title for f in response.context["sections"][1]["items"]] == ["Thank Ken"]


@pytest.mark.parametrize("count", [2, 40])
def test_a_search_costs_the_same_queries_at_any_size(alice, alice_client, count, django_assert_max_num_queries):
    for i in range(count):
        FollowUpFactory(owner=alice, title=f"Thank person {i}", due_on=TODAY + dt.timedelta(days=i - count // 2))
    # session, user, the section totals (one UNION ALL), overdue, due today, upcoming,
    # done and skipped (the first few of each), outcome reports waiting
    with django_assert_max_num_queries(8):
        response = alice_client.get(URL, {"q": "thank person"})
    assert response.context["sections"][0]["items"]


def test_a_search_carries_over_to_the_whole_section_and_its_pages(alice, alice_client):
    for days in range(1, OVERVIEW_LIMIT + 3):
        FollowUpFactory(owner=alice, title=f"Send the PMO article {days}", due_on=TODAY - dt.timedelta(days=days))
    FollowUpFactory(owner=alice, title="Call Ken", due_on=TODAY - dt.timedelta(days=1))

    overview = alice_client.get(URL, {"q": "pmo"})
    section = alice_client.get(URL, {"q": "pmo", "show": "overdue"})

    assert f'href="?show=overdue&amp;q=pmo">Show all {OVERVIEW_LIMIT + 2} overdue' in overview.content.decode()
    assert section.context["shown"]["count"] == OVERVIEW_LIMIT + 2
    assert "Call Ken" not in section.content.decode()
    assert '<input type="hidden" name="show" value="overdue">' in section.content.decode()
