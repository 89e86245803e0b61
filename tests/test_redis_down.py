"""Redis down must never break the web: pages serve, queueing is logged, not raised."""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from netweave.celery import ping
from netweave.queue import enqueue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url_name",
    ["dashboard", "contacts:list", "meetings:list", "followups:list", "accounts:preferences", "imports:upload"],
)
def test_main_pages_serve_while_redis_is_down(redis_down, alice_client, url_name):
    assert alice_client.get(reverse(url_name)).status_code == 200


def test_the_login_page_serves_and_login_works_while_redis_is_down(redis_down, client, alice):
    response = client.post(reverse("login"), {"username": "alice", "password": "correct horse battery staple"})

    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_work_that_cannot_be_queued_is_logged_not_raised(redis_down, django_capture_on_commit_callbacks, caplog):
    with caplog.at_level(logging.WARNING, logger="netweave.queue"), django_capture_on_commit_callbacks(execute=True):
        enqueue(ping)

    assert "the next scheduled run will pick it up" in caplog.text
