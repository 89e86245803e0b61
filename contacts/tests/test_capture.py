from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlencode

import pytest
import time_machine
from django.urls import reverse

from contacts.linkedin import linkedin_key
from contacts.models import Contact, Interaction
from contacts.tests.factories import ContactFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
PROFILE = "https://www.linkedin.com/in/ken-watanabe-42/"


def capture_url(**params: str) -> str:
    return reverse("contacts:capture") + "?" + urlencode(params)


def form_data(**fields: str) -> dict[str, str]:
    return {
        "given_name": "Ken",
        "family_name": "Watanabe",
        "linkedin_url": PROFILE,
        "source": "event",
        "stage": "acquaintance",
        "touch-channel": "",
        "touch-note": "",
        **fields,
    }


def test_a_linkedin_url_has_one_key_however_it_is_written():
    assert linkedin_key("http://uk.linkedin.com/in/Ken-Watanabe-42?trk=x") == "linkedin.com/in/ken-watanabe-42"
    assert linkedin_key("https://kenwatanabe.example/about") == ""


def test_a_profile_already_in_the_network_opens_their_page(alice, alice_client):
    ken = ContactFactory(owner=alice, given_name="Ken", linkedin_url="http://linkedin.com/in/KEN-watanabe-42")

    response = alice_client.get(capture_url(url=PROFILE + "?miniProfileUrn=abc", name="Ken Watanabe"))

    assert response.status_code == 302 and response.url == ken.get_absolute_url()


def test_a_new_profile_opens_a_prefilled_form(alice_client, django_assert_max_num_queries):
    # session, user, the LinkedIn match, tags for the form
    with django_assert_max_num_queries(5):
        response = alice_client.get(
            capture_url(url=PROFILE, name="  Ken   Watanabe ", title="Head of PMO at Globex Corp")
        )

    form = response.context["form"]
    assert response.status_code == 200
    assert form.initial == {
        "given_name": "Ken",
        "family_name": "Watanabe",
        "title": "Head of PMO",
        "company": "Globex Corp",
        "linkedin_url": "https://www.linkedin.com/in/ken-watanabe-42",  # as the importer spells it
    }
    page = response.content.decode()
    assert 'href="#id_source"' in page and 'href="#id_introduced_by"' in page and 'name="touch-channel"' in page


def test_any_other_page_fills_the_website(alice_client):
    response = alice_client.get(capture_url(url="https://kenwatanabe.example/about", name="Ken Watanabe"))

    assert response.context["form"].initial["website"] == "https://kenwatanabe.example/about"


def test_saving_a_capture_saves_the_contact_and_the_touch_that_prompted_it(alice, alice_client):
    with time_machine.travel(NOW, tick=False):
        response = alice_client.post(
            reverse("contacts:capture"),
            form_data(**{"touch-channel": "comment", "touch-note": "Liked my post on PMOs"}),
        )

    ken = Contact.objects.for_owner(alice).get()
    assert response.url == ken.get_absolute_url()
    assert ken.source == "event" and ken.linkedin_url == PROFILE and ken.last_contacted_at == NOW
    touch = Interaction.objects.for_owner(alice).get()
    assert (touch.contact, touch.channel, touch.note, touch.occurred_at) == (
        ken,
        "comment",
        "Liked my post on PMOs",
        NOW,
    )


def test_a_capture_without_a_touch_logs_none(alice, alice_client):
    alice_client.post(reverse("contacts:capture"), form_data(new_introducer="Ines Ortega"))

    ken = Contact.objects.for_owner(alice).get(given_name="Ken")
    assert ken.introduced_by is not None
    assert ken.introduced_by.full_name == "Ines Ortega" and ken.source == "event"
    assert not Interaction.objects.exists() and ken.last_contacted_at is None


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"given_name": "", "family_name": "", "linkedin_url": ""}, "Give at least a name"),
        ({"touch-note": "Met at the PMI lunch"}, "Say how you were in touch"),
        ({"touch-channel": "carrier pigeon"}, "Select a valid choice"),
    ],
)
def test_bad_input_re_renders_with_the_errors_and_saves_nothing(alice_client, fields, error):
    response = alice_client.post(reverse("contacts:capture"), form_data(**fields))

    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Contact.objects.exists() and not Interaction.objects.exists()


def test_an_anonymous_capture_goes_through_the_log_in_and_comes_back_with_the_profile(client, alice):
    url = capture_url(url=PROFILE, name="Ken Watanabe", title="Head of PMO")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == reverse("login") + "?next=" + quote(url, safe="/")
    back = client.post(response.url, {"username": "alice", "password": "correct horse battery staple"}, follow=False)
    assert back.url == url
    assert client.get(back.url).context["form"].initial["family_name"] == "Watanabe"


def test_another_users_contact_with_the_same_profile_is_not_matched(alice_client, bob):
    ContactFactory(owner=bob, given_name="Ken", linkedin_url=PROFILE)

    response = alice_client.get(capture_url(url=PROFILE, name="Ken Watanabe"))

    assert response.status_code == 200 and response.context["form"].initial["given_name"] == "Ken"


def test_the_import_page_offers_the_bookmarklet_pointing_at_this_site(alice_client):
    page = alice_client.get(reverse("imports:upload")).content.decode()

    assert "javascript:(function(){var b=&#x27;" not in page  # quotes stay JavaScript quotes
    assert "javascript:(function(){var b='http://testserver/contacts/capture/'" in page
    assert "Drag this button to your browser" in page
