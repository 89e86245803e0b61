"""Personas and shared fixtures.

``alice`` owns things; ``bob`` must never see them. Every view test proves the
second half with one line: ``assert_hidden_from_bob(url)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zlib import crc32
from zoneinfo import ZoneInfo

import factory.random
import pytest
import time_machine
from django.test import Client

from accounts.tests.factories import UserFactory

# Tests freeze time at a named moment, never today's date.
NOW = datetime(2026, 3, 4, 10, 30, tzinfo=ZoneInfo("UTC"))  # a Wednesday


def pytest_configure(config) -> None:
    from django.conf import settings

    # The deployment defaults (SSL redirect, HSTS, secure cookies) would turn every
    # plain-HTTP request, from the test client or the live server, into a redirect.
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 0
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SITE_URL = "http://testserver"


@pytest.fixture
def frozen():
    """Time stands still at NOW (a Wednesday, 10:30 UTC); ``frozen.shift(...)`` moves it."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def repeatable_fake_data(request):
    """Each test draws the same fake names, companies and jobs on every run.

    Factories fill blanks from Faker; unseeded, a test now and then drew a name its
    assertions did not expect (a random "Smith" in a search for "smith") and failed
    once in many runs. Seeded by the test's id, a test that passes always passes.
    """
    factory.random.reseed_random(crc32(request.node.nodeid.encode()))


@pytest.fixture(autouse=True)
def fresh_cache():
    """Every cached key is keyed by ids that a new test database numbers from 1 again: the
    owners' cached parts, the API's and password reset's throttle counts, an import's
    progress. A run soon after another would find the last run's (an API token throttled
    before its first request). Only the cache's own keys go: Celery's share the Redis
    database under names outside the cache's prefix."""
    from django.core.cache import cache

    cache.delete_pattern("*")


@pytest.fixture
def alice(db):
    return UserFactory(username="alice", email="alice@example.com", display_name="Alice Archer")


@pytest.fixture
def bob(db):
    return UserFactory(username="bob", email="bob@example.com", display_name="Bob Baker")


@pytest.fixture
def alice_client(alice) -> Client:
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob) -> Client:
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def assert_hidden_from_bob(bob_client) -> Callable[..., None]:
    """Assert that another user gets a 404 for ``url`` (GET, or POST with ``method="post"``)."""

    def check(url: str, *, method: str = "get", data: dict | None = None) -> None:
        response = getattr(bob_client, method)(url, data or {})
        assert response.status_code == 404, (
            f"{method.upper()} {url} answered {response.status_code} for another user; expected 404"
        )

    return check


DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def point_celery_at(broker_url: str) -> None:
    """Point the real Celery app at another broker, dropping its pooled connections."""
    from netweave.celery import app

    app.conf.broker_url = broker_url
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis_down(settings):
    """Redis stops answering: the cache and the Celery broker point at a dead port."""
    from netweave.celery import app

    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    previous = app.conf.broker_url
    point_celery_at(DEAD_REDIS)
    yield
    point_celery_at(previous)
