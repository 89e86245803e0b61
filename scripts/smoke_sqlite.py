"""`make test-sqlite`: run tests/sqlite under pytest on the `make run` fallback stack.

A throwaway SQLite file and no Redis (REDIS_URL points at a port nothing listens on),
so scripts/run.py's own choose_stores() picks in-process tasks exactly as `make run`
does when Redis is down. Extra arguments go to pytest (e.g. --junitxml=...).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # noqa: E402 - scripts/ is not a package

DEAD_REDIS = "redis://127.0.0.1:1/0"  # port 1: nothing listens there, so the fallback kicks in


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="netweave-sqlite-") as tmp:
        env = dict(os.environ)
        env.update(
            DEBUG="1",
            DATABASE_URL=f"sqlite:///{Path(tmp) / 'netweave.sqlite3'}",
            REDIS_URL=DEAD_REDIS,
            CELERY_BROKER_URL=DEAD_REDIS,
            NETWEAVE_SMOKE_STATIC_ROOT=str(Path(tmp) / "static"),
        )
        env.setdefault("SECRET_KEY", "test-only-not-secret")
        env.pop("NETWEAVE_TASKS_EAGER", None)  # choose_stores() must decide it
        if run.choose_stores(env) != "Procfile.eager":
            print(f"smoke_sqlite: {DEAD_REDIS} answered; expected the in-process fallback.", file=sys.stderr)
            return 1
        command = [sys.executable, "-m", "pytest", "-m", "sqlite_smoke", "tests/sqlite", *sys.argv[1:]]
        return subprocess.call(command, cwd=run.ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
