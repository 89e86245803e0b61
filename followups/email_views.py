"""The links in reminder emails: they work without logging in, because the token is the permission.

A GET only shows a confirmation page with a button; the change happens on POST.
Mail scanners and link previews fetch links with GET, so they change nothing.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.models import User

from . import reminders, services
from .links import BadLink, read_action, read_unsubscribe
from .models import FollowUp, FollowUpState, ReminderKind


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "followups/email_link_invalid.html", status=400)


@login_not_required
@csrf_exempt  # RFC 8058 one-click: the mail provider POSTs without a CSRF token; the signed token authorises.
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = read_unsubscribe(token)
    except BadLink:
        return _bad_link(request)
    user = User.objects.filter(pk=link.user_id).first()
    if user is None:
        return _bad_link(request)
    label = ReminderKind(link.kind).label.lower()
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
    followup = FollowUp.objects.select_related("contact").filter(pk=link.followup_id).first()
    if followup is None:
        return _bad_link(request)
    context = {"followup": followup, "link": link, "token": token}
    if request.method == "GET":
        already = _already(followup, link)
        return render(request, "followups/email_action.html", {**context, "already": already})
    if link.action == "done":
        acted = services.mark_done(followup, now=timezone.now())
    else:
        # Acting once: the same snooze link never pushes the date again.
        acted = followup.snoozed_until != link.until and services.snooze(followup, until=link.until)
    followup.refresh_from_db(fields=["state", "snoozed_until", "done_at"])
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
        return f"This follow-up is already snoozed until {link.until:%A %d %B}."
    return None
