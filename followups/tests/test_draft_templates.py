from __future__ import annotations

import pytest
from django.urls import reverse

from followups.drafts import DEFAULTS, DraftBook, fill
from followups.models import DraftKind, DraftTemplate

pytestmark = pytest.mark.django_db

LIST = reverse("followups:draft_templates")


def edit(kind: str) -> str:
    return reverse("followups:edit_draft_template", args=[kind])


def test_every_kind_is_listed_with_the_built_in_wording(alice_client):
    response = alice_client.get(LIST)

    assert response.status_code == 200
    assert len(response.context["kinds"]) == len(DraftKind)
    assert "Thanks for referring me to {referred_name}" in response.content.decode()


def test_a_user_saves_their_own_wording_and_new_drafts_use_it(alice, alice_client):
    response = alice_client.post(
        edit(DraftKind.THANK_YOU), {"subject": "Cheers, {first_name}", "body": "Hi {first_name}, thanks! {my_name}"}
    )

    assert response.status_code == 302
    draft = DraftBook.for_users([alice.pk]).render(alice, DraftKind.THANK_YOU, {"first_name": "Ken"})
    assert (draft.subject, draft.body) == ("Cheers, Ken", "Hi Ken, thanks! Alice Archer")


def test_an_unknown_placeholder_is_refused_and_nothing_saved(alice_client):
    response = alice_client.post(edit(DraftKind.THANK_YOU), {"subject": "Hi", "body": "Dear {user.password}"})

    assert response.status_code == 200
    assert "Unknown placeholder" in str(response.context["form"].errors["body"])
    assert not DraftTemplate.objects.exists()


def test_placeholders_are_filled_by_plain_substitution_never_by_the_template_engine(alice):
    values = {"first_name": "{{ settings.SECRET_KEY }}"}

    assert fill("Dear {first_name} {% now 'Y' %} {unknown}", values) == (
        "Dear {{ settings.SECRET_KEY }} {% now 'Y' %} {unknown}"
    )


def test_reset_brings_back_the_built_in_wording(alice, alice_client):
    DraftTemplate.objects.create(owner=alice, kind=DraftKind.PROMISE, subject="Mine", body="Mine")

    alice_client.post(edit(DraftKind.PROMISE), {"reset": "1"})

    assert DraftBook.for_users([alice.pk]).draft(alice, DraftKind.PROMISE) == DEFAULTS[DraftKind.PROMISE]


def test_one_users_wording_never_reaches_another(alice, bob):
    DraftTemplate.objects.create(owner=alice, kind=DraftKind.PROMISE, subject="Alice's", body="Alice's")

    assert DraftBook.for_users([alice.pk, bob.pk]).draft(bob, DraftKind.PROMISE) == DEFAULTS[DraftKind.PROMISE]


def test_an_unknown_kind_is_a_404(alice_client):
    assert alice_client.get(edit("love_letter")).status_code == 404


def test_bob_cannot_see_or_change_alices_wording(alice, bob_client):
    DraftTemplate.objects.create(owner=alice, kind=DraftKind.PROMISE, subject="Alice's", body="Alice's secret")

    page = bob_client.get(edit(DraftKind.PROMISE)).content.decode()
    bob_client.post(edit(DraftKind.PROMISE), {"reset": "1"})

    assert "Alice's secret" not in page
    assert DraftTemplate.objects.count() == 1


def test_the_pages_cost_a_fixed_number_of_queries(alice_client, django_assert_max_num_queries):
    # session, user, the user's overrides (kinds), the overrides (wording)
    with django_assert_max_num_queries(4):
        alice_client.get(LIST)
    # session, user, the override for this kind
    with django_assert_max_num_queries(3):
        alice_client.get(edit(DraftKind.THANK_YOU))


def test_wrong_method_is_refused(alice_client):
    assert alice_client.put(edit(DraftKind.THANK_YOU)).status_code == 405
