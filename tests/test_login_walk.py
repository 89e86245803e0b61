"""Every page needs a log-in (LoginRequiredMiddleware), except a short, named list of public ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.django_db

# Public on purpose: logging in, resetting a password, signed links in emails, the
# calendar feed (its secret token is the key), and signing up (off unless switched on).
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "accounts:signup",
    "followups:unsubscribe",
    "followups:email_action",
    "meetings:calendar_feed",
}


def patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name != "admin":  # the admin has its own staff log-in
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
