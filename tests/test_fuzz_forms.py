"""Bad input everywhere: every URL that takes a POST, fed random and oversized data.

Walks the whole URL conf (the admin aside), fills every ``int`` in a route with the
id of one of alice's objects, and posts seeded random data: huge strings, unicode,
NUL bytes, negative and huge numbers, impossible dates, lists where one value is
expected. First as bob, who must change nothing of alice's, then as alice. No
request may end in a 5xx. Seeded, so a failure reproduces; about 30 s.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterator
from typing import cast

import pytest
from django.apps import apps
from django.core.cache import cache
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accounts import throttle
from contacts.tests.factories import (
    ContactFactory,
    ContactLinkFactory,
    ImportRunFactory,
    InteractionFactory,
    LedgerEntryFactory,
    TagFactory,
)
from followups.models import DraftKind, DraftTemplate
from followups.tests.factories import FollowUpFactory
from meetings.tests.factories import MeetingFactory, OutreachTemplateFactory, QuestionFactory, SearchFactory

pytestmark = pytest.mark.django_db

ALICE_ID = 7_000_001  # every one of alice's seeded objects has this id, so any <int:...> names hers
SEED = 20260304
ROUNDS = 3  # posts per URL and user
SKIP_NAMES = {"logout"}  # would end the session the walk runs in
DESTRUCTIVE = re.compile(r"delete|remove|merge|cancel|undo|close")

NASTY_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999",
    "1e308",
    "NaN",
    "inf",
    "3.5",
    "true",
    "on",
    "null",
    "[]",
    "{}",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "31/12/2026",
    "2026-03-04T25:61",
    "next tuesday",
    "x" * 10_000,
    "é" * 3_000,
    "💥🦄\u202e\u200b" * 500,
    "\x00",
    "a\x00b",
    "<script>alert(1)</script>",
    "'; DROP TABLE contacts_contact; --",
    "{first_name} {unknown} {0} {__class__}",
    "%s%s%n",
    "../../etc/passwd",
    "https://evil.example/",
    "//evil.example",
    "javascript:alert(1)",
    "not-an-email",
    "a@b",
    str(ALICE_ID),
    str(ALICE_ID + 1),
    "2147483648",
    "-2147483649",
]
COMMON_NAMES = [
    "next",
    "days",
    "until",
    "title",
    "text",
    "note",
    "notes",
    "name",
    "contacts",
    "contact",
    "tag",
    "new_tag",
    "action",
    "default",
    "keep",
    "position",
    "direction",
    "starts_at",
    "q",
    "email",
    "kind",
    "format",
    "file",
    "knows",
    "occurred_at",
    "occurred_on",
    "description",
    "subject",
    "body",
    "message",
    "stage",
    "state",
    "purpose",
]
FIELD_NAME = re.compile(rb'name="([^"]{1,80})"')


def post_routes() -> list[tuple[str, str]]:
    """(name, route) of every app URL; the walk finds out by posting which ones take a POST."""

    def walk(patterns, prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                yield f"{namespace}{pattern.name or ''}", prefix + str(pattern.pattern)

    routes = [
        (name, route)
        for name, route in walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and name.split(":")[-1] not in SKIP_NAMES and not route.startswith("^")
    ]
    # Destructive buttons last, so that the other pages still find alice's objects.
    return sorted(routes, key=lambda item: bool(DESTRUCTIVE.search(item[0])))


def fill(route: str, rng: random.Random) -> str | None:
    """The route with every converter filled: ints with alice's id, strings with junk."""
    path = re.sub(r"<int:\w+>", str(ALICE_ID), route)
    path = re.sub(r"<slug:\w+>", lambda _: rng.choice([DraftKind.values[0], "no-such-kind"]), path)
    path = re.sub(r"<(?:str|path):\w+>", lambda _: rng.choice(["x", "not-a-token", "a" * 300]), path)
    if "<" in path:  # a converter this walk does not know
        return None
    return "/" + path


def random_data(rng: random.Random, names: list[str]) -> dict[str, object]:
    data: dict[str, object] = {}
    for name in names:
        if rng.random() < 0.15:
            continue  # a missing field
        if rng.random() < 0.2:
            data[name] = [rng.choice(NASTY_VALUES) for _ in range(rng.randint(2, 4))]
        else:
            data[name] = rng.choice(NASTY_VALUES)
    return data


def field_names(client: Client, path: str) -> list[str]:
    """The form field names the page offers (when it answers a GET), plus the usual suspects."""
    try:
        response = client.get(path)
    except Exception:  # noqa: BLE001 - a GET failure is reported by the GET walk elsewhere
        return COMMON_NAMES
    found = []
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        found = [name.decode() for name in FIELD_NAME.findall(response.content) if name != b"csrfmiddlewaretoken"]
    return list(dict.fromkeys(found + COMMON_NAMES))


def owned_models() -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if any(field.name == "owner" for field in model._meta.get_fields()) and model._meta.app_label != "admin"
    ]


def checksum(rows: list[tuple]) -> str:
    # Binary columns come back as memoryviews, whose repr is an address: hash their bytes.
    plain = [tuple(bytes(value) if isinstance(value, memoryview) else value for value in row) for row in rows]
    return hashlib.sha256(repr(plain).encode()).hexdigest()


def snapshot(user) -> dict[str, tuple[int, str]]:
    """Per owned table: how many of ``user``'s rows, and a checksum of every value in them."""
    state = {}
    for model in owned_models():
        rows = model.objects.filter(owner=user).order_by("pk")
        values = list(rows.values_list(*[field.attname for field in model._meta.concrete_fields]))
        state[model._meta.label] = (len(values), checksum(values))
        for field in model._meta.many_to_many:  # tags on a contact, people in a search, ...
            through = cast(type[models.Model], field.remote_field.through)  # set once the apps load
            links = through._default_manager.filter(**{f"{field.m2m_field_name()}__owner": user}).order_by("pk")
            pairs = list(links.values_list())
            state[through._meta.label] = (len(pairs), checksum(pairs))
    user_row = list(type(user).objects.filter(pk=user.pk).values_list())
    state["user"] = (len(user_row), checksum(user_row))
    return state


def seed_network(owner) -> None:
    """One object of each kind for ``owner``, all with the id ALICE_ID (ids are per table)."""
    ken = ContactFactory(owner=owner, pk=ALICE_ID, given_name="Ken", emails=["ken@example.org"])
    maria = ContactFactory(owner=owner, given_name="Maria")
    search = SearchFactory(owner=owner, pk=ALICE_ID)
    MeetingFactory(owner=owner, pk=ALICE_ID, contact=ken, search=search)
    FollowUpFactory(owner=owner, pk=ALICE_ID, contact=ken)
    ken.tags.add(TagFactory(owner=owner, pk=ALICE_ID))
    ContactLinkFactory(owner=owner, pk=ALICE_ID, person=ken, knows=maria)
    InteractionFactory(owner=owner, pk=ALICE_ID, contact=ken)
    LedgerEntryFactory(owner=owner, pk=ALICE_ID, contact=ken)
    QuestionFactory(owner=owner, pk=ALICE_ID)
    OutreachTemplateFactory(owner=owner, pk=ALICE_ID)
    run = ImportRunFactory(owner=owner, pk=ALICE_ID)
    DraftTemplate.objects.create(owner=owner, kind=DraftKind.values[0], subject="Hi {first_name}", body="Thanks.")
    upload_model = next(model for model in apps.get_models() if model.__name__ == "ImportUpload")
    upload_model.objects.create(
        owner=owner,
        uploaded_by=owner,
        pk=ALICE_ID,
        file_name="Connections.csv",
        content=b"First Name,Last Name\nAda,Lovelace\n",
        run=run,
    )
    search.contacts.add(ken)


def post_everywhere(client: Client, rng: random.Random, names_for: dict[str, list[str]]) -> list[str]:
    failures = []
    for name, route in post_routes():
        for _ in range(ROUNDS):
            path = fill(route, rng)
            if path is None:
                continue
            data = random_data(rng, names_for.setdefault(route, field_names(client, path)))
            try:
                response = client.post(path, data)
            except Exception as error:  # noqa: BLE001 - collect every 5xx, then fail once with all of them
                failures.append(f"POST {path} ({name}) raised {type(error).__name__}: {str(error)[:200]}")
                continue
            if response.status_code >= 500:
                failures.append(f"POST {path} ({name}) answered {response.status_code}")
            if response.status_code == 405:
                break  # a page that takes no POST: one try says so
    return failures


@pytest.fixture
def frozen_clock():
    import time_machine

    from conftest import NOW

    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.delete_pattern(f"{throttle.PREFIX}:*")
    yield
    cache.delete_pattern(f"{throttle.PREFIX}:*")


def test_random_posts_never_fail_and_never_touch_another_users_data(alice, bob, frozen_clock):
    seed_network(alice)
    ContactFactory(owner=bob, given_name="Bob's friend")
    bob_client, alice_client = Client(), Client()
    bob_client.force_login(bob)
    alice_client.force_login(alice)
    names_for: dict[str, list[str]] = {}  # learnt from alice's pages, reused for bob
    for _name, route in post_routes():
        path = fill(route, random.Random(SEED))
        if path is not None:
            names_for[route] = field_names(alice_client, path)
    before = snapshot(alice)

    bob_failures = post_everywhere(bob_client, random.Random(SEED), names_for)

    assert snapshot(alice) == before, "bob's posts changed alice's data"
    alice_failures = post_everywhere(alice_client, random.Random(SEED + 1), names_for)
    assert not bob_failures + alice_failures, "\n".join(bob_failures + alice_failures)


def test_the_walk_covers_the_apps_post_urls():
    names = {name for name, _route in post_routes()}

    assert {"followups:done", "accounts:preferences", "login", "password_reset"} <= names
    assert len(names) > 50
    assert all(not DESTRUCTIVE.search(name) for name, _ in post_routes()[: len(names) // 2])


def test_every_int_in_a_route_is_filled():
    assert fill("meetings/<int:pk>/questions/<int:question_pk>/pick/", random.Random(1)) == (
        f"/meetings/{ALICE_ID}/questions/{ALICE_ID}/pick/"
    )
