from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView


class PerTokenRateThrottle(SimpleRateThrottle):
    """``NETWEAVE_API_RATE`` requests per token (or per signed-in user), counted in the Redis cache.

    With Redis down the cache answers nothing and every request is let through:
    the API keeps working, unthrottled, like the rest of the site.
    """

    scope = "api"

    def get_rate(self) -> str:
        # Read at request time, so the setting can change without a restart of the class.
        return settings.NETWEAVE_API_RATE

    def allow_request(self, request: Request, view: APIView) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        if isinstance(request.auth, ApiToken):
            return self.cache_format % {"scope": self.scope, "ident": f"token-{request.auth.pk}"}
        if request.user and request.user.is_authenticated:
            return self.cache_format % {"scope": self.scope, "ident": f"user-{request.user.pk}"}
        return None
