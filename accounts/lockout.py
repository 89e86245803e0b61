"""Log-in lockouts: per (username, address) as django-axes counts them, plus a ceiling per address.

axes applies one failure limit to every lockout parameter, so "5 per account and
address" and "50 per address over all accounts" cannot both be axes parameters.
The ceiling reads the failures axes already records per (username, address):
no second counter to keep in step.
"""

from __future__ import annotations

from datetime import datetime

from axes.attempts import get_cool_off_threshold

# axes's settings module fills in its defaults (AXES_LOCK_OUT_AT_FAILURE) on Django's settings.
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.db.models import Sum

# axes stores the attempted username in a 255-character column; a longer one must not
# turn a failed log-in into a 500.
USERNAME_STORED = 255


def address_failures(address: str, *, since: datetime) -> int:
    """Failed log-ins from one address over every username, since the start of the cool-off window."""
    attempts = AccessAttempt.objects.filter(ip_address=address, attempt_time__gt=since)
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def attempted_username(request, credentials: dict | None = None) -> str | None:
    """The username a log-in tried, cut to what axes can store (AXES_USERNAME_CALLABLE)."""
    username = (credentials or {}).get("username") if credentials else request.POST.get("username")
    return None if username is None else str(username)[:USERNAME_STORED]


def over_address_ceiling(request) -> bool:
    """Whether the request's address has failed NETWEAVE_ADDRESS_FAILURE_LIMIT times, over all usernames."""
    address = getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
    since = get_cool_off_threshold(request)
    return address_failures(address, since=since) >= settings.NETWEAVE_ADDRESS_FAILURE_LIMIT


class AddressCeilingHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials: dict | None = None) -> bool:
        if super().is_locked(request, credentials):
            return True
        return settings.AXES_LOCK_OUT_AT_FAILURE and over_address_ceiling(request)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        # axes marks the request locked out (its lockout page, 429) only for its own
        # limit; a refusal by the address ceiling must look the same.
        if request is None or getattr(request, "axes_locked_out", False) or not settings.AXES_LOCK_OUT_AT_FAILURE:
            return
        if over_address_ceiling(request):
            request.axes_locked_out = True
            request.axes_credentials = credentials
