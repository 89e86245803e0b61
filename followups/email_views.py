"""The links in reminder emails: they work without logging in, because the token is the permission.

A GET only shows a confirmation page with a button; the change happens on POST.
Mail scanners and link previews fetch links with GET, so they change nothing.
A link whose version is older than the follow-up (or the user's email settings)
says it no longer applies instead of undoing what the user did since, and no link
acts for a deactivated account. Until the owner logs in, the page names only the
follow-up's title: a forwarded email must not show the draft or the contact.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User
from netweave.dates import formatted

from . import reminders, services
from .links import BadLink, read_action, read_unsubscribe
from .models import FollowUp, FollowUpState, ReminderKind


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "followups/email_link_invalid.html", status=400)


def _stale_link(request: HttpRequest, reason: str, *, where_url: str, where_label: str) -> HttpResponse:
    context = {"reason": reason, "where_url": where_url, "where_label": where_label}
    return render(request, "followups/email_link_stale.html", context)


@login_not_required
@csrf_exempt  # RFC 8058 one-click: the mail provider POSTs without a CSRF token; the signed token authorises.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = read_unsubscribe(token)
    except BadLink:
        return _bad_link(request)
    user = User.objects.filter(pk=link.user_id, is_active=True).first()
    if user is None:
        return _bad_link(request)
    label = ReminderKind(link.kind).label.lower()
    if link.version != user.unsubscribe_version:
        return _stale_link(
            request,
            f"You switched your email settings back on after this email was sent, so its link does not "
            f"turn off the {label}.",
            where_url=reverse("accounts:preferences"),
            where_label="your preferences",
        )
    if request.method == "POST":
        changed = reminders.unsubscribe(user, link.kind)
        return render(request, "followups/unsubscribed.html", {"label": label, "changed": changed})
    return render(request, "followups/unsubscribe_confirm.html", {"label": label, "token": token})


@login_not_required
@require_http_methods(["GET", "POST"])
def email_action(request: HttpRequest, token: str) -> HttpResponse:
    """Mark a follow-up done, or snooze it, from a link in a reminder email. Acts once."""
    try:
        link = read_action(token)
    except BadLink:
        return _bad_link(request)
    followup = FollowUp.objects.select_related("contact", "owner").filter(pk=link.followup_id).first()
    if followup is None or not followup.owner.is_active:
        return _bad_link(request)
    is_owner = request.user.is_authenticated and request.user.pk == followup.owner_id
    context = {"followup": followup, "link": link, "token": token, "is_owner": is_owner}
    if link.version != followup.version:
        already = _already(followup, link)
        if already:  # this link, or another, already did it: say so plainly
            return render(request, "followups/email_action.html", {**context, "already": already})
        return _stale_link(
            request,
            f"“{followup.title}” changed after this email was sent (reopened, rescheduled or edited).",
            where_url=followup.get_absolute_url(),
            where_label="the follow-up",
        )
    if request.method == "GET":
        already = _already(followup, link)
        return render(request, "followups/email_action.html", {**context, "already": already})
    if link.action == "done":
        acted = services.mark_done(followup, now=timezone.now())
    else:
        # Acting once: the same snooze link never pushes the date again.
        # A snooze link always carries its date (links.py refuses one without).
        until = link.until
        acted = until is not None and followup.snoozed_until != until and services.snooze(followup, until=until)
    followup.refresh_from_db(fields=["state", "snoozed_until", "done_at", "version"])
    return render(
        request,
        "followups/email_action.html",
        {**context, "acted": acted, "already": None if acted else _already(followup, link)},
    )


def _already(followup: FollowUp, link) -> str | None:
    if followup.state == FollowUpState.DONE:
        return "This follow-up is already marked done."
    if followup.state == FollowUpState.SKIPPED:
        return "This follow-up was skipped, so there is nothing left to do."
    if link.action == "snooze" and followup.snoozed_until == link.until:
        return f"This follow-up is already snoozed until {formatted(link.until, 'long_day')}."
    return None
