"""The keep-in-touch daily budget preference: 1 to 20 new follow-ups a day, 5 by default."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.forms import PreferencesForm
from accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def data(user, **changes) -> dict:
    form = PreferencesForm(instance=user)
    values = {name: form[name].value() for name in form.fields}
    values = {name: value for name, value in values.items() if value is not None and value is not False}
    return {**values, **changes}


def test_a_new_user_gets_five_a_day():
    assert UserFactory().keep_in_touch_per_day == 5


@pytest.mark.parametrize(("value", "valid"), [(0, False), (1, True), (12, True), (20, True), (21, False)])
def test_the_budget_is_between_1_and_20(alice, value, valid):
    form = PreferencesForm(data(alice, keep_in_touch_per_day=value), instance=alice)

    assert form.is_valid() is valid, form.errors
    if not valid:
        assert "keep_in_touch_per_day" in form.errors


def test_the_form_explains_the_budget(alice):
    field = PreferencesForm(instance=alice).fields["keep_in_touch_per_day"]

    assert field.help_text.startswith("1 to 20.") and "Allies come first" in field.help_text


def test_saving_preferences_sets_the_budget_and_leaving_it_out_keeps_it(alice, alice_client):
    url = reverse("accounts:preferences")
    response = alice_client.post(url, data(alice, keep_in_touch_per_day=8))
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.keep_in_touch_per_day == 8

    without = data(alice)
    del without["keep_in_touch_per_day"]
    assert alice_client.post(url, without).status_code == 302
    alice.refresh_from_db()
    assert alice.keep_in_touch_per_day == 8


def test_a_budget_out_of_range_is_refused_and_nothing_changes(alice, alice_client):
    response = alice_client.post(reverse("accounts:preferences"), data(alice, keep_in_touch_per_day=50))

    assert response.status_code in (200, 400)
    assert "Ensure this value is less than or equal to 20." in response.content.decode()
    alice.refresh_from_db()
    assert alice.keep_in_touch_per_day == 5
