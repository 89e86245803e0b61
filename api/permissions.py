from __future__ import annotations

from typing import TYPE_CHECKING

from rest_framework import permissions

from .models import ApiToken

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class TokenScopeAllowsMethod(permissions.BasePermission):
    """A read-only token may read but never write (403)."""

    message = "This token is read-only; create a read-write token to make changes."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if isinstance(request.auth, ApiToken) and request.auth.read_only:
            return request.method in permissions.SAFE_METHODS
        return True
