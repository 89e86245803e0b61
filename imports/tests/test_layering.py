"""imports sits on top of contacts: contacts never imports from imports, not even inside a function,
and the Celery tasks are found by autodiscovery rather than by a side-effect import."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

CONTACTS = Path(__file__).resolve().parents[2] / "contacts"


def imported_modules(source: str) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_no_contacts_module_imports_the_imports_app():
    offenders = [
        f"{path.relative_to(CONTACTS.parent)}: {name}"
        for path in sorted(CONTACTS.rglob("*.py"))
        for name in imported_modules(path.read_text())
        if name == "imports" or name.startswith("imports.")
    ]

    assert offenders == []


def test_the_check_sees_an_import_inside_a_function():
    source = "def f():\n    from imports.models import ImportUpload\n"

    assert imported_modules(source) == ["imports.models"]


def test_celery_finds_the_import_tasks_by_autodiscovery():
    # A fresh interpreter: in the test process some test module has imported imports.tasks already.
    script = (
        "import django; django.setup(); import sys; from netweave.celery import app; "
        "assert 'imports.tasks' not in sys.modules, 'imported as a side effect'; "
        "app.loader.import_default_modules(); "
        "assert {'imports.tasks.run_upload_job', 'imports.tasks.drop_abandoned_uploads'} <= set(app.tasks)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "netweave.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=CONTACTS.parent, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
