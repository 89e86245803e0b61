"""imports sits on top of contacts: contacts never imports from imports, not even inside a function."""

from __future__ import annotations

import ast
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
