"""The dashboard at ``/``: what is due today, this week, who is going cold, and progress."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.agenda import agenda_for
from dashboard.progress import progress_for
from netweave.typing import AuthenticatedHttpRequest


@require_GET
def dashboard(request: AuthenticatedHttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    progress = progress_for(request.user, today=today)
    agenda = agenda_for(request.user, now=now, today=today, contact_count=progress.contact_count)
    return render(request, "dashboard/dashboard.html", {"agenda": agenda, "progress": progress, "today": today})
