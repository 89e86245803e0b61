"""The contact list's table row, built in Python.

The row renders 50 times per page. As template markup it cost 0.26 ms a row, as
``format_html`` 0.28 ms (an escape pass per argument): together more than every
query of the page at 30,000 contacts. Plain string building with ``html.escape``
on every text value costs a fraction of that; the admin's change list builds its
rows in Python for the same reason.
"""

from __future__ import annotations

from datetime import tzinfo
from html import escape

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from contacts.models import Contact, Stage
from netweave.dates import formatted

register = template.Library()


# Each stage's badge, escaped once: ``get_stage_display()`` flattens the choices per call.
STAGE_LABELS = {value: escape(str(label)) for value, label in Stage.choices}


@register.simple_tag
def contact_rows(contacts: list[Contact], list_url: str) -> SafeString:
    """Every row of the page in one call, sparing the template loop's per-row overhead."""
    zone = timezone.get_current_timezone()
    return mark_safe("\n".join(contact_row(contact, list_url, zone) for contact in contacts))  # noqa: S308 - escaped rows


def contact_row(contact: Contact, list_url: str, zone: tzinfo) -> SafeString:
    """One ``<tr>`` of the list; ``contact`` comes from ``ContactQuerySet.for_list()``.

    ``list_url`` is the list's own address: a contact's page is ``<list_url><pk>/``
    and a tag's filter ``<list_url>?tag=<pk>`` (tests hold both to the URLconf).
    ``zone`` is the time zone the dates are shown in, looked up once per page.
    """
    name = escape(contact.full_name)
    title = escape(contact.title)
    company = escape(contact.company)
    between = " · " if contact.title and contact.company else ""
    tags = " ".join(
        f'<a class="badge nw-tag {tag.css_class}" href="{list_url}?tag={tag.pk}">{escape(tag.name)}</a>'
        for tag in contact.tag_list
    )
    if contact.last_contacted_at:
        when = contact.last_contacted_at.astimezone(zone)
        last = f'<time datetime="{when.date().isoformat()}">{formatted(when, "date")}</time>'
    else:
        last = '<span class="nw-muted">Never</span>'
    stage = escape(contact.stage)
    return mark_safe(  # noqa: S308 - every text value above is escaped
        "<tr>"
        f'<td class="nw-check-col"><input class="form-check-input" type="checkbox" name="contacts"'
        f' value="{contact.pk}" id="pick-{contact.pk}" aria-label="Select {name}"></td>'
        f'<td class="nw-name-col"><a class="fw-semibold" href="{list_url}{contact.pk}/">{name}</a>'
        f'<div class="small nw-muted">{title}<span class="d-md-none">{between}{company}</span></div></td>'
        f'<td class="d-none d-md-table-cell">{company}</td>'
        f'<td class="nw-stage-col"><span class="badge nw-stage nw-stage-{stage}">'
        f"{STAGE_LABELS.get(contact.stage, stage)}</span></td>"
        f'<td class="d-none d-lg-table-cell">{tags}</td>'
        f'<td class="d-none d-sm-table-cell small">{last}</td>'
        "</tr>"
    )
