"""Cached entries are filed under a digest of the code that built them (``code_stamp``).

After a deploy, the new release must never read a page body rendered by an old template,
or unpickle an old release's class of another shape; the owner's version stays shared.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netweave.cache import code_stamp, owner_key, owner_version


@pytest.fixture
def source_tree(tmp_path: Path, settings):
    (tmp_path / "app" / "templates").mkdir(parents=True)
    (tmp_path / "app" / "views.py").write_text("x = 1\n")
    (tmp_path / "app" / "templates" / "page.html").write_text("<p>one</p>\n")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "lib.py").write_text("y = 1\n")
    settings.BASE_DIR = tmp_path
    code_stamp.cache_clear()
    yield tmp_path
    code_stamp.cache_clear()


def stamp_after(change) -> tuple[str, str]:
    before = code_stamp()
    change()
    code_stamp.cache_clear()
    return before, code_stamp()


def test_a_changed_template_or_module_is_a_new_stamp(source_tree: Path) -> None:
    before, after = stamp_after(lambda: (source_tree / "app" / "templates" / "page.html").write_text("<p>two</p>\n"))
    assert before != after
    before, after = stamp_after(lambda: (source_tree / "app" / "views.py").write_text("x = 2\n"))
    assert before != after


def test_installed_packages_and_timestamps_do_not_move_the_stamp(source_tree: Path) -> None:
    before, after = stamp_after(lambda: (source_tree / "node_modules" / "lib.py").write_text("y = 2\n"))
    assert before == after
    before, after = stamp_after(lambda: (source_tree / "app" / "views.py").touch())
    assert before == after


def test_entry_keys_carry_the_stamp_and_the_shared_version() -> None:
    key = owner_key(7, "dashboard")
    assert key == f"owner:7:{owner_version(7)}:{code_stamp()}:dashboard"
