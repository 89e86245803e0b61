"""The dashboard at ``/``: what is due today, this week, who is going cold, and progress."""

from __future__ import annotations

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from dashboard.snapshot import dashboard_body
from netweave.typing import AuthenticatedHttpRequest


@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    body = dashboard_body(request.user, now=now, today=today)
    # The body was rendered by render_to_string() from escaped templates; only the token goes in.
    return render(request, "dashboard/dashboard.html", {"body": mark_safe(body.for_request(get_token(request)))})  # noqa: S308
