"""The follow-ups list's rows, built in Python.

Each row carries four one-button forms. As an ``{% include %}`` with ``{% url %}`` and
``{% csrf_token %}`` per form it cost about 1 ms a row, more than every query of the
page; here the URLs are built from prefixes reversed once per section and every text
value goes through ``html.escape``, as the contact list's rows do.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, tzinfo
from html import escape

from django import template
from django.template.context import Context
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from followups.models import FollowUp, FollowUpKind, FollowUpState
from netweave.dates import formatted

register = template.Library()


@register.simple_tag(takes_context=True)
def followup_rows(context: Context, followups: Iterable[FollowUp], today: date) -> SafeString:
    """Every ``<li>`` of one section; ``followups`` come with their contact selected."""
    request = context["request"]
    # One button's form fields: the CSRF token and where to come back to (this page).
    hidden = (
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{escape(str(context.get("csrf_token", "")))}">'
        f'<input type="hidden" name="next" value="{escape(request.get_full_path())}">'
    )
    # A follow-up's page is ``<followups_url><pk>/`` (its actions below it) and a contact's
    # ``<contacts_url><pk>/``; the tests hold both to the URLconf.
    page = RowContext(
        hidden=hidden, followups_url=reverse("followups:list"), contacts_url=reverse("contacts:list"), today=today
    )
    rows = (followup_row(followup, page) for followup in followups)
    return mark_safe("\n".join(rows))  # noqa: S308 - every text value in a row is escaped


class RowContext:
    """What every row of a section shares, worked out once per section."""

    def __init__(self, *, hidden: str, followups_url: str, contacts_url: str, today: date) -> None:
        self.hidden = hidden
        self.followups_url = followups_url
        self.contacts_url = contacts_url
        self.today = today
        self.kinds = {value: escape(str(label)) for value, label in FollowUpKind.choices}
        self.zone = timezone.get_current_timezone()


def _day(day: date) -> str:
    return formatted(day, "day")


def _button(action: str, hidden: str, icon: str, label: str, title: str, style: str, extra: str = "") -> str:
    return (
        f'<form method="post" action="{action}">{hidden}{extra}'
        f'<button class="btn btn-sm {style}" type="submit"><i class="bi {icon}" aria-hidden="true"></i> {label}'
        f'<span class="visually-hidden">: {title}</span></button></form>'
    )


@register.simple_tag(takes_context=True)
def followup_state(context: Context, followup: FollowUp) -> SafeString:
    """Where ``followup`` stands, as its row on the follow-ups list says it: "snoozed until Sat 5 Dec".

    For other pages that list follow-ups (search everywhere, a contact's page); the context has ``today``.
    """
    when = followup_when(followup, context["today"], timezone.get_current_timezone())
    return mark_safe(when)  # noqa: S308 - built from escaped text and dates


def followup_when(followup: FollowUp, today: date, zone: tzinfo) -> str:
    """Open (due, overdue, due today, snoozed), done on a day, or skipped; HTML with its icon."""
    if followup.state == FollowUpState.OPEN:
        if followup.snoozed_until and followup.snoozed_until > today:
            return f'<i class="bi bi-alarm" aria-hidden="true"></i> snoozed until {_day(followup.snoozed_until)}'
        if followup.due_on < today:
            return (
                '<span class="text-danger-emphasis fw-semibold"><i class="bi bi-exclamation-circle"'
                f' aria-hidden="true"></i> overdue since {_day(followup.due_on)}</span>'
            )
        if followup.due_on == today:
            return "due today"
        return f"due {_day(followup.due_on)}"
    if followup.state == FollowUpState.DONE:
        done = _day(followup.done_at.astimezone(zone)) if followup.done_at else ""
        return f'<i class="bi bi-check-circle" aria-hidden="true"></i> done {done}'
    if followup.state == FollowUpState.PROPOSED:
        return "waiting for review"
    return "skipped"


def followup_row(followup: FollowUp, page: RowContext) -> str:
    """One follow-up: kind, title, who, when, and its buttons (done, snooze, skip; or reopen)."""
    title = escape(followup.title)
    hidden = page.hidden
    base = f"{page.followups_url}{followup.pk}/"
    contact_url = f"{page.contacts_url}{followup.contact_id}/"
    if followup.state == FollowUpState.OPEN:
        buttons = (
            _button(f"{base}done/", hidden, "bi-check-lg", "Done", title, "btn-success")
            + _button(
                f"{base}snooze/",
                hidden,
                "bi-alarm",
                "Snooze 3 days",
                title,
                "btn-light border",
                extra='<input type="hidden" name="days" value="3">',
            )
            + _button(f"{base}skip/", hidden, "bi-x-lg", "Skip", title, "btn-light border")
        )
    else:
        buttons = _button(f"{base}reopen/", hidden, "bi-arrow-counterclockwise", "Reopen", title, "btn-light border")
    return (
        '<li class="list-group-item nw-followup">'
        '<div class="d-flex flex-column flex-md-row gap-2 justify-content-between align-items-md-center">'
        '<div class="min-w-0"><div class="d-flex flex-wrap align-items-center gap-2">'
        f'<span class="badge rounded-pill text-bg-light border nw-kind"><i class="bi {followup.kind_icon}"'
        f' aria-hidden="true"></i> {page.kinds.get(followup.kind) or escape(followup.kind)}</span>'
        f'<a class="fw-semibold text-break text-decoration-none" href="{base}">{title}</a></div>'
        f'<div class="small nw-muted mt-1"><a class="text-body-secondary" href="{contact_url}">'
        f"{escape(followup.contact.full_name)}</a> · {followup_when(followup, page.today, page.zone)}</div></div>"
        f'<div class="d-flex flex-wrap gap-1 flex-shrink-0">{buttons}</div>'
        "</div></li>"
    )
