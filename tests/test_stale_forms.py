"""A button pressed from a stale page: signed out since, a form from before a sign-in, or a button's
address opened as a page. Each gets a page that says what happened, and nothing is saved."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from followups.models import FollowUpState
from followups.tests.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"  # accounts.tests.factories.UserFactory's


def test_a_button_pressed_after_the_session_ended_comes_back_to_its_page_after_sign_in(alice):
    followup = FollowUpFactory(owner=alice)
    signed_out = Client()
    page = reverse("followups:list")

    response = signed_out.post(
        reverse("followups:done", args=[followup.pk]), HTTP_REFERER=f"http://testserver{page}?show=overdue"
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/followups/%3Fshow%3Doverdue"
    login = signed_out.get(response["Location"])
    assert "You had been signed out, so that was not saved." in login.content.decode()
    signed_in = signed_out.post(response["Location"], {"username": "alice", "password": PASSWORD}, follow=True)
    assert signed_in.redirect_chain[-1][0] == f"{page}?show=overdue"
    assert signed_in.status_code == 200
    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN


def test_a_button_pressed_from_another_site_signs_in_to_the_dashboard(alice):
    followup = FollowUpFactory(owner=alice)

    response = Client().post(
        reverse("followups:done", args=[followup.pk]), HTTP_REFERER="https://elsewhere.example/followups/"
    )

    assert response["Location"] == f"{reverse('login')}?next=/"


def test_log_out_from_a_stale_tab_goes_to_sign_in_without_a_not_saved_warning(alice):
    signed_out = Client()

    response = signed_out.post(reverse("logout"), HTTP_REFERER="http://testserver/followups/", follow=True)

    assert response.redirect_chain == [(reverse("login"), 302)]
    assert "not saved" not in response.content.decode()


def test_a_signed_out_page_still_signs_in_to_itself(alice):
    response = Client().get(reverse("followups:list"), {"show": "done"})

    assert response["Location"] == f"{reverse('login')}?next=/followups/%3Fshow%3Ddone"


def test_a_buttons_address_opened_as_a_page_says_so_and_changes_nothing(alice, alice_client):
    followup = FollowUpFactory(owner=alice)

    response = alice_client.get(
        reverse("followups:done", args=[followup.pk]), HTTP_REFERER="http://testserver/followups/"
    )

    assert response.status_code == 405
    assert response["Allow"] == "POST"
    page = response.content.decode()
    assert "This address belongs to a button" in page
    assert 'href="/followups/">Back to the page</a>' in page
    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN


def test_without_a_page_to_go_back_to_it_offers_the_dashboard(alice, alice_client):
    followup = FollowUpFactory(owner=alice)

    page = alice_client.get(reverse("followups:done", args=[followup.pk])).content.decode()

    assert 'href="/">Go to the dashboard</a>' in page


def test_a_form_from_before_the_last_sign_in_is_refused_with_a_page_that_says_why(alice):
    followup = FollowUpFactory(owner=alice)
    client = Client(enforce_csrf_checks=True)
    client.force_login(alice)

    response = client.post(reverse("followups:done", args=[followup.pk]), {"csrfmiddlewaretoken": "from-before"})

    assert response.status_code == 403
    assert "That form was not sent" in response.content.decode()
    followup.refresh_from_db()
    assert followup.state == FollowUpState.OPEN
