"""The dashboard at ``/``: what is due today, this week, who is going cold, and progress."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.snapshot import dashboard_day
from netweave.typing import AuthenticatedHttpRequest


@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    day = dashboard_day(request.user, today=today)
    return render(
        request, "dashboard/dashboard.html", {"agenda": day.agenda.at(now), "progress": day.progress, "today": today}
    )
