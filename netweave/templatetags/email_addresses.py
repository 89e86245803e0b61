"""``|breakable_emails``: email addresses that wrap in a narrow column without splitting a word."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter(is_safe=True)
def breakable_emails(value: str | None) -> SafeString | str:
    """Escaped, with a break allowed before each "@" and "." (and after a hyphen, as always).

    "hans.mueller@example.de" may wrap as "hans.mueller" / "@example.de", never as "hans.mue" /
    "ller@exa"; the cell's CSS (``.nw-email``) turns off breaking anywhere else.
    """
    if not value:
        return ""
    text = str(escape(value))  # escaping adds no "@" and no "."
    return mark_safe(text.replace("@", "<wbr>@").replace(".", "<wbr>."))  # noqa: S308 - escaped above
