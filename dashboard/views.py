from __future__ import annotations

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from contacts.models import Contact
from followups.models import FollowUp
from meetings.models import Meeting


def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    now = timezone.now()
    today = timezone.localdate()
    week_end = now + timedelta(days=7)
    context = {
        "today": today,
        "due_followups": FollowUp.objects.for_owner(user).due_by(today).select_related("contact")[:20],
        "meetings_this_week": Meeting.objects.for_owner(user)
        .upcoming()
        .filter(starts_at__lt=week_end)
        .select_related("contact")[:20],
        "going_cold": Contact.objects.going_cold(user, now)[:8],
        "contact_count": Contact.objects.for_owner(user).count(),
    }
    return render(request, "dashboard/dashboard.html", context)
