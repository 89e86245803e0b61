"""Types the views share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from accounts.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request from a signed-in user: every page but login is behind LoginRequiredMiddleware.

    Only for annotations; Django hands views a plain HttpRequest whose ``user`` is a User.
    """

    user: User
