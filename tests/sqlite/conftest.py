"""tests/sqlite only runs on SQLite: `make test-sqlite` (scripts/smoke_sqlite.py) sets that up.

On the normal Postgres run the module is not even collected.
"""

from __future__ import annotations

from django.conf import settings

if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    collect_ignore_glob = ["test_*.py"]
