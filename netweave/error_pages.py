"""The error pages Django leaves blank: a page opened at an address that only takes a form's POST."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit, urlunsplit

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme


def same_site_path(request: HttpRequest, url: str) -> str:
    """``url`` as a path on this site, or "" when it points anywhere else."""
    if not url or not url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    page = urlsplit(url)
    return urlunsplit(("", "", page.path or "/", page.query, ""))


class MethodNotAllowedPageMiddleware:
    """A browser that opens a button's address (POST only) gets a page that says so, not a blank 405.

    Only for bodiless 405s to GET: the API's own 405s carry JSON and pass through.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or request.method != "GET" or response.content:
            return response
        page = TemplateResponse(
            request, "405.html", {"back": same_site_path(request, request.headers.get("referer", ""))}, status=405
        )
        page["Allow"] = response.get("Allow", "")
        return page.render()
