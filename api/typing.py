"""Types the API views share (the web views' equivalent is netweave.typing)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework.request import Request

if TYPE_CHECKING:
    from accounts.models import User


class AuthenticatedRequest(Request):
    """An API request that passed authentication: every API view requires a user."""

    user: User  # narrows the property of the same name
