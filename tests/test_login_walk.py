"""Every page needs a log-in (LoginRequiredMiddleware), except a short, named list of public ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Public on purpose: logging in and out, resetting a password, signed links in emails, the
# calendar feed (its secret token is the key), and signing up (off unless switched on).
PUBLIC = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accounts:signup",
    "accounts:confirm_email",
    "followups:unsubscribe",
    "followups:email_action",
    "meetings:calendar_feed",
}


def patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            # The admin has its own staff log-in; the REST API answers tokens (401, never a log-in page).
            if entry.app_name != "admin" and entry.namespace != "api":
                yield from patterns(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif entry.name:
            yield f"{namespace}{entry.name}", entry


def test_the_public_pages_are_exactly_the_named_ones():
    public = {
        name for name, entry in patterns(get_resolver()) if getattr(entry.callback, "login_required", True) is False
    }
    assert public == PUBLIC


@pytest.mark.parametrize("name", sorted(name for name, _ in patterns(get_resolver()) if name not in PUBLIC))
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    entry = dict(patterns(get_resolver()))[name]
    kwargs = {key: 1 if converter.regex == "[0-9]+" else "x" for key, converter in entry.pattern.converters.items()}
    url = reverse(name, kwargs=kwargs)

    response = client.get(url)

    assert response.status_code == 302, f"{url} answered {response.status_code} to an anonymous visitor"
    assert response.url.startswith(reverse(settings.LOGIN_URL))
