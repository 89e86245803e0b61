"""An import and its undo reach the contact list at once, though it remembers its pages
(``contacts.pagination.remembered_page``): both bump the owner's cache version."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.urls import reverse

from imports.pipeline import run_import, undo_import

pytestmark = pytest.mark.django_db

LINKEDIN = (Path(__file__).parent / "fixtures" / "linkedin_connections.csv").read_bytes()


def test_an_import_and_its_undo(alice, alice_client):
    def found() -> int:
        return alice_client.get(reverse("contacts:list")).context["found"]

    assert found() == 0

    run = run_import(alice, LINKEDIN, file_name="Connections.csv")
    assert found() > 0

    undo_import(run)
    assert found() == 0
