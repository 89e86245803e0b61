"""Activate the signed-in user's time zone for every request; send signed-out users to sign in."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth import middleware as auth_middleware
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils import timezone

from netweave.error_pages import same_site_path


class UserTimezoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            try:
                timezone.activate(zoneinfo.ZoneInfo(user.time_zone))
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                timezone.deactivate()
        else:
            timezone.deactivate()
        return self.get_response(request)


class LoginRequiredMiddleware(auth_middleware.LoginRequiredMiddleware):
    """Django's, except that a button pressed after the session ended comes back to its page.

    A form posted by a signed-out browser (a tab left open past the session's two weeks)
    would otherwise send the user to sign in and then on to the button's own address, which
    only takes a POST: a blank "405" where their click was. Instead they sign in, land on
    the page the button was on (the Referer, when it is one of ours), and are told that
    nothing was saved.
    """

    def handle_no_permission(self, request: HttpRequest, view_func: Callable[..., Any]) -> HttpResponseRedirect:
        if request.method in ("GET", "HEAD"):
            return super().handle_no_permission(request, view_func)
        back = same_site_path(request, request.headers.get("referer", "")) or "/"
        messages.warning(request, "You had been signed out, so that was not saved. Sign in, then try it again.")
        login_url = resolve_url(self.get_login_url(view_func))
        return redirect_to_login(back, login_url, self.get_redirect_field_name(view_func))
