"""The one way netweave builds an email: a template triplet rendered into a multipart message.

``emails/<name>_subject.txt``, ``emails/<name>_body.txt`` and ``emails/<name>_body.html``
(which extends ``emails/base.html``). Links in them must be absolute (``SITE_URL``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

# Stands in for the one argument while reverse() runs once per URL name: digits, so that
# int, str and slug converters all accept it, and far too long to occur in a route.
_ARGUMENT = "909090909090909090"
# What reverse() leaves unquoted in an argument: the "pchar" of RFC 3986.
_SAFE = RFC3986_SUBDELIMS + "/~:@"


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


@lru_cache(maxsize=64)
def _route(viewname: str, prefix: str, urlconf: str | None, *, with_argument: bool) -> tuple[str, str]:
    # ``prefix`` (the script prefix, which reverse() reads itself) is part of the cache key.
    if not with_argument:
        return reverse(viewname, urlconf=urlconf), ""
    before, after = reverse(viewname, urlconf=urlconf, args=[_ARGUMENT]).split(_ARGUMENT)
    return before, after


def absolute_reverse(viewname: str, argument: int | str | None = None) -> str:
    """``absolute_url(reverse(viewname, args=[argument]))`` for a URL with one argument or none, reversed once.

    A digest carries a dozen links; resolving each through ``reverse()`` cost more than
    the rest of building it. The route is reversed once per name (and script prefix and
    URLconf) and the argument quoted into it the way ``reverse()`` quotes it.
    """
    before, after = _route(viewname, get_script_prefix(), get_urlconf(), with_argument=argument is not None)
    if argument is None:
        return f"{settings.SITE_URL}{before}"
    return f"{settings.SITE_URL}{before}{quote(str(argument), safe=_SAFE)}{after}"


def make_message(
    name: str,
    context: Mapping[str, Any],
    *,
    to: list[str],
    headers: Mapping[str, str] | None = None,
    connection: Any = None,
) -> EmailMultiAlternatives:
    context = {"site_url": settings.SITE_URL, **context}
    # A subject is one line: template newlines would be header injection.
    subject = " ".join(render_to_string(f"emails/{name}_subject.txt", context).split())
    text = render_to_string(f"emails/{name}_body.txt", context)
    html = render_to_string(f"emails/{name}_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        headers=dict(headers or {}),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message
