"""The client's real address, behind however many trusted reverse proxies the server has."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address that log-in lockouts and rate limits count against.

    Each trusted proxy appends the address it received the request from to
    X-Forwarded-For, so with PROXY_COUNT proxies the client is that many entries
    from the right. Entries further left came from the client and prove nothing.
    Without proxies, or with a header shorter than the proxy chain (a request that
    skipped the proxies), REMOTE_ADDR is the only address to trust.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
