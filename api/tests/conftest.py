"""Fixtures for the API tests: tokens for alice and bob, and clients that send them."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from rest_framework.test import APIClient

from api import services
from conftest import NOW


@pytest.fixture(autouse=True)
def frozen_clock() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def _client(token: str | None) -> APIClient:
    client = APIClient()
    if token:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


@pytest.fixture
def alice_token(alice) -> str:
    row, token = services.create_token(alice, name="alice's script")
    # Used a moment ago: the first request does not also write last_used_at (steady query counts).
    services.note_use(row, now=NOW)
    return token


@pytest.fixture
def api(alice_token) -> APIClient:
    """Alice, with a read-write token."""
    return _client(alice_token)


@pytest.fixture
def api_read_only(alice) -> APIClient:
    """Alice, with a read-only token."""
    row, token = services.create_token(alice, name="read-only", read_only=True)
    services.note_use(row, now=NOW)
    return _client(token)


@pytest.fixture
def api_bob(bob) -> APIClient:
    _, token = services.create_token(bob, name="bob's script")
    return _client(token)


@pytest.fixture
def api_anonymous() -> APIClient:
    return _client(None)


@pytest.fixture
def assert_api_guards(api_bob, api_anonymous, api_read_only) -> Callable[..., None]:
    """The four rules every endpoint keeps: bob gets 404, no token 401, a read-only token cannot write.

    ``url`` names one of alice's objects (or a list); ``write`` is True for a method that changes data.
    """

    def check(method: str, url: str, *, data: dict | None = None, write: bool = False, owned: bool = True) -> None:
        response = getattr(api_anonymous, method)(url, data or {}, format="json")
        assert response.status_code == 401, (method, url, response.status_code)
        assert response["WWW-Authenticate"].startswith("Bearer")
        if owned:
            response = getattr(api_bob, method)(url, data or {}, format="json")
            assert response.status_code == 404, (method, url, response.status_code)
        if write:
            response = getattr(api_read_only, method)(url, data or {}, format="json")
            assert response.status_code == 403, (method, url, response.status_code)
            assert "read-only" in response.json()["detail"]

    return check
