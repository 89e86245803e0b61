from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import NOW
from followups.models import FollowUp, FollowUpKind, FollowUpState
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import SearchFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def search(alice):
    return SearchFactory(owner=alice, title="Product roles", outcome="Accepted a job at Acme")


@pytest.fixture
def proposed(alice, search):
    return [
        FollowUpFactory(
            owner=alice,
            search=search,
            kind=FollowUpKind.OUTCOME_REPORT,
            state=FollowUpState.PROPOSED,
            message=f"Dear {name}, thanks again for referring me to Ken.",
            contact__given_name=name,
        )
        for name in ("Rita", "Ken", "Gail")
    ]


def url(search) -> str:
    return reverse("followups:review_outcome_reports", args=[search.pk])


def test_the_review_lists_everyone_ticked_with_their_draft(alice_client, search, proposed):
    response = alice_client.get(url(search))

    page = response.content.decode()
    assert response.status_code == 200
    for followup in proposed:
        assert f'value="{followup.pk}" id="keep-{followup.pk}" checked' in page
    assert "thanks again for referring me to Ken" in page


def test_dropping_a_name_skips_it_and_the_rest_become_due_today(alice_client, search, proposed):
    rita, ken, gail = proposed

    response = alice_client.post(url(search), {"keep": [rita.pk, gail.pk]})

    assert response.status_code == 302
    states = dict(FollowUp.objects.values_list("pk", "state"))
    assert states == {rita.pk: FollowUpState.OPEN, ken.pk: FollowUpState.SKIPPED, gail.pk: FollowUpState.OPEN}
    assert FollowUp.objects.get(pk=rita.pk).due_on == NOW.date()


def test_a_name_from_elsewhere_is_refused_and_nothing_changes(alice, alice_client, search, proposed):
    stranger = FollowUpFactory(owner=alice, state=FollowUpState.PROPOSED)

    response = alice_client.post(url(search), {"keep": [proposed[0].pk, stranger.pk]})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert set(FollowUp.objects.values_list("state", flat=True)) == {FollowUpState.PROPOSED}


def test_bob_gets_a_404(search, proposed, assert_hidden_from_bob):
    assert_hidden_from_bob(url(search))
    assert_hidden_from_bob(url(search), method="post", data={"keep": [proposed[0].pk]})
    assert set(FollowUp.objects.values_list("state", flat=True)) == {FollowUpState.PROPOSED}


def test_the_review_wrong_method_is_refused(alice_client, search):
    assert alice_client.put(url(search)).status_code == 405


@pytest.mark.parametrize("extra", [0, 20])
def test_the_review_costs_the_same_queries_at_any_size(
    alice, alice_client, search, proposed, extra, django_assert_max_num_queries
):
    for _ in range(extra):
        FollowUpFactory(owner=alice, search=search, kind=FollowUpKind.OUTCOME_REPORT, state=FollowUpState.PROPOSED)
    # session, user, the search, the proposed follow-ups with contacts
    with django_assert_max_num_queries(4):
        alice_client.get(url(search))


@pytest.mark.parametrize(("tick", "checked"), [("none", False), ("all", True)])
def test_untick_all_and_tick_all_work_without_javascript_and_change_nothing(
    alice_client, search, proposed, tick, checked
):
    rita, ken, gail = proposed

    response = alice_client.post(url(search), {"keep": [rita.pk], "tick": tick})

    page = response.content.decode()
    assert response.status_code == 200
    for followup in proposed:
        assert (f'value="{followup.pk}" id="keep-{followup.pk}" checked' in page) is checked
    assert not response.context["form"].errors
    assert set(FollowUp.objects.values_list("state", flat=True)) == {FollowUpState.PROPOSED}


def test_the_review_offers_tick_all_and_untick_all_buttons(alice_client, search, proposed):
    page = alice_client.get(url(search)).content.decode()

    assert 'name="tick" value="none"' in page and 'name="tick" value="all"' in page
    assert 'data-tick-all="keep"' in page


def test_the_header_gives_the_search_and_its_outcome_apart(alice_client, search, proposed):
    page = alice_client.get(url(search)).content.decode()

    assert "Product roles:" not in page
    assert "Outcome" in page and "Accepted a job at Acme" in page
