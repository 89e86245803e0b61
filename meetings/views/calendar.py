"""Calendar: one meeting as .ics, and the private feed calendar apps subscribe to."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from accounts.models import User
from netweave.ownership import get_owned_or_404
from netweave.typing import AuthenticatedHttpRequest

from .. import services
from ..calendar import meetings_calendar
from ..models import Meeting, MeetingState

CALENDAR_TYPE = "text/calendar; charset=utf-8"


@require_GET
def meeting_ics(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = get_owned_or_404(Meeting.objects.select_related("contact"), request.user, pk=pk)
    if meeting.state != MeetingState.SCHEDULED or meeting.starts_at is None:
        raise Http404("Only scheduled meetings can be added to a calendar.")
    body = meetings_calendar([meeting], user=request.user, name=str(meeting), stamp=timezone.now())
    response = HttpResponse(body, content_type=CALENDAR_TYPE)
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


@login_not_required
@never_cache
@require_GET
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The user's scheduled meetings, for Google Calendar, Outlook or Apple Calendar.

    The secret token is the only credential; a wrong or regenerated one is a 404.
    """
    user = get_object_or_404(User, calendar_token=token, is_active=True)
    meetings = Meeting.objects.for_owner(user).upcoming().select_related("contact")
    body = meetings_calendar(meetings, user=user, name="netweave meetings", stamp=timezone.now())
    return HttpResponse(body, content_type=CALENDAR_TYPE)


def calendar_settings(request: AuthenticatedHttpRequest) -> HttpResponse:
    feed_path = reverse("meetings:calendar_feed", args=[request.user.calendar_token])
    return render(request, "meetings/calendar.html", {"feed_url": settings.SITE_URL + feed_path})


@require_POST
def regenerate_calendar_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.regenerate_calendar_token(request.user)
    messages.success(request, "New calendar link created. The old link no longer works; update your calendar app.")
    return redirect("meetings:calendar")
