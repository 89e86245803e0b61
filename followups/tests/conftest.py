"""Fixtures for the follow-up tests: a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

SMTP_PORTS = range(8250, 8300)


def started_server(handler: object) -> tuple[Controller, int]:
    """An SMTP server on the first port of ``SMTP_PORTS`` it can bind.

    Bound by the server itself, not probed first: between a probe and the bind another test
    run on the machine (CI beside a developer's run) could take the port.
    """
    for port in SMTP_PORTS:
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        try:
            controller.start()
        except OSError:  # taken: the next one
            continue
        return controller, port
    raise RuntimeError("No free port in 8250-8299 for the test SMTP server.")


class Mailbox:
    """Collects what the SMTP server accepted; can be told to stall before accepting."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.lock = threading.Lock()
        self.stall_after: int | None = None  # accept this many, then hang on the next DATA
        self.data_started = threading.Event()

    async def handle_DATA(self, server, session, envelope) -> str:
        with self.lock:
            accepted = len(self.messages)
        if self.stall_after is not None and accepted >= self.stall_after:
            self.data_started.set()
            await asyncio.sleep(3600)  # a mail server that never answers
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    controller, port = started_server(mailbox)
    try:
        yield mailbox, port
    finally:
        controller.stop(no_assert=True)


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Send through the loopback SMTP server instead of Django's in-memory outbox."""
    mailbox, port = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return mailbox
