"""The one way netweave builds an email: a template triplet rendered into a multipart message.

``emails/<name>_subject.txt``, ``emails/<name>_body.txt`` and ``emails/<name>_body.html``
(which extends ``emails/base.html``). Links in them must be absolute (``SITE_URL``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


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
