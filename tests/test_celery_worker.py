"""A real Celery worker, on the test Redis, runs a task to the end."""

from __future__ import annotations

import pytest
from celery.contrib.testing.worker import start_worker

from netweave.celery import app, ping


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_redis_runs_a_task():
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        result = ping.delay()

        assert result.get(timeout=20) == "pong"
