"""An address under /api/ that names nothing answers like the API does: JSON, not a web page."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from rest_framework.exceptions import NotFound

API_PREFIX = "/api/"


class ApiNotFoundMiddleware:
    """Turn the site's HTML 404 (Django's debug page with DEBUG on, 404.html with it off) for
    an unknown /api/ address into DRF's own ``{"detail": "Not found."}``, for any method.

    The API's views already answer JSON 404s (another network's contact, a missing id) and
    pass through untouched. Listed before CommonMiddleware, so a known list asked for without
    its trailing slash is still redirected to it rather than called not found.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code != 404
            or not request.path_info.startswith(API_PREFIX)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
