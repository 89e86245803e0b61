"""The apps are layered; the base never reaches up.

Bottom-up: netweave, accounts -> contacts -> imports, meetings -> followups -> dashboard.
An app may import its own layer and the ones below. accounts and contacts are the
base: nothing in them imports an app above, not even inside a function, and contacts'
templates include no template from above. (``netweave/urls.py`` is the composition
root and may route any app's views; tests may build fixtures from any app.)
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = [{"netweave", "accounts"}, {"contacts"}, {"imports", "meetings"}, {"followups"}, {"dashboard"}]


def above(app: str) -> set[str]:
    layer = next(i for i, apps in enumerate(LAYERS) if app in apps)
    return set().union(*LAYERS[layer + 1 :])


def imported_apps(path: Path) -> set[tuple[int, str]]:
    """(line, top-level package) for every import in ``path``, at any depth of the module."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found |= {(node.lineno, alias.name.split(".")[0]) for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add((node.lineno, node.module.split(".")[0]))
    return found


def app_modules(app: str) -> list[Path]:
    return sorted(path for path in (ROOT / app).rglob("*.py") if "tests" not in path.relative_to(ROOT).parts)


@pytest.mark.parametrize("app", ["accounts", "contacts"])
def test_the_base_apps_import_nothing_from_the_apps_above(app):
    forbidden = above(app)
    offences = [
        f"{path.relative_to(ROOT)}:{line} imports {package}"
        for path in app_modules(app)
        for line, package in imported_apps(path)
        if package in forbidden
    ]
    assert app_modules(app), f"no modules found under {app}/"
    assert offences == []


INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["'](\w+)/""")


@pytest.mark.parametrize("app", ["accounts", "contacts"])
def test_the_base_apps_templates_include_nothing_from_the_apps_above(app):
    forbidden = above(app)
    offences = [
        f"{path.relative_to(ROOT)} includes {match.group(0)}"
        for path in sorted((ROOT / app / "templates").rglob("*.html"))
        for match in INCLUDE.finditer(path.read_text())
        if match.group(1) in forbidden
    ]
    assert offences == []


def test_the_checks_catch_an_import_inside_a_function(tmp_path):
    module = tmp_path / "sneaky.py"
    module.write_text("def f():\n    from meetings.models import Meeting\n    import followups.rules\n")

    assert imported_apps(module) == {(2, "meetings"), (3, "followups")}
    included = INCLUDE.search('{% include "meetings/_contact_searches.html" %}')
    assert included and included.group(1) == "meetings"
