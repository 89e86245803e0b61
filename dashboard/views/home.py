"""The dashboard at ``/``: what is due today, this week, who is going cold, and progress."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from dashboard.agenda import agenda_for
from dashboard.progress import progress_for


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    progress = progress_for(request.user, today=today)
    agenda = agenda_for(request.user, now=now, today=today, contact_count=progress.contact_count)
    return render(request, "dashboard/dashboard.html", {"agenda": agenda, "progress": progress, "today": today})
