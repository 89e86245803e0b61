"""`make run`: one command from a fresh clone to a running netweave.

Uses Postgres and Redis where they answer (DATABASE_URL / REDIS_URL, with local
defaults); otherwise a SQLite file under var/ and in-process tasks, and says so.
Migrates, seeds a `demo` user on first start, then runs web, worker and beat
together under honcho (Ctrl-C stops them all).
"""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/netweave"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
# What every start runs before the processes (idempotent; seed_demo only seeds once).
# The SQLite smoke test runs the same list.
FIRST_START: tuple[tuple[str, ...], ...] = (
    ("migrate", "--no-input", "-v", "0"),
    ("collectstatic", "--no-input", "-v", "0"),
    ("seed_demo", "--user", "demo", "--password", "demo", "--contacts", "300"),
)


def say(line: str) -> None:
    print(f"netweave: {line}", flush=True)


def postgres_answers(url: str) -> bool:
    import psycopg2

    parsed = urlparse(url)
    params = {
        "host": parsed.hostname or "127.0.0.1",
        "port": parsed.port or 5432,
        "user": parsed.username or "postgres",
        "password": parsed.password or None,
        "connect_timeout": 2,
    }
    name = parsed.path.lstrip("/") or "netweave"
    try:
        connection = psycopg2.connect(dbname=name, **params)
    except psycopg2.OperationalError as error:
        if f'database "{name}" does not exist' not in str(error):
            return False
        try:  # The server answers; create the database on first start.
            admin = psycopg2.connect(dbname="postgres", **params)
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{name}"')
            admin.close()
            say(f"created the Postgres database {name!r}.")
            return True
        except psycopg2.Error:
            return False
    connection.close()
    return True


def redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True)


def choose_stores(env: dict[str, str]) -> str:
    """Point ``env`` at the stores that answer; returns the Procfile to run.

    Postgres that does not answer falls back to a SQLite file in var/; Redis that does
    not answer turns on in-process tasks (no worker, no beat). The SQLite smoke test
    (scripts/smoke_sqlite.py, `make test-sqlite`) calls this same function.
    """
    database_url = env.get("DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = env.get("REDIS_URL", DEFAULT_REDIS_URL)
    if database_url.startswith("postgres") and not postgres_answers(database_url):
        database_url = f"sqlite:///{VAR / 'netweave.sqlite3'}"
        say("Postgres is not answering: using a SQLite file in var/ instead (fine for a try-out, not for production).")
    env["DATABASE_URL"] = database_url
    procfile = "Procfile"
    if redis_answers(redis_url):
        env["REDIS_URL"] = redis_url
    else:
        env["NETWEAVE_TASKS_EAGER"] = "1"
        procfile = "Procfile.eager"
        say(
            "Redis is not answering: tasks run in-process, with no worker or beat; the `jobs` "
            "process runs create_followups and send_reminders every 15 minutes instead."
        )
    tasks = "in-process" if procfile == "Procfile.eager" else "on Celery with Redis"
    say(f"database: {urlparse(database_url).scheme}; tasks: {tasks}.")
    return procfile


def serve_at(env: dict[str, str]) -> str:
    """The address web serves (127.0.0.1:PORT, see the Procfiles), and SITE_URL for every process.

    Links in emails start with SITE_URL, so web, worker and beat all get the address the
    user actually opens (not localhost, which would mean a second log-in), unless the user
    set SITE_URL. Returns the served address.
    """
    port = env.setdefault("PORT", "8000")
    address = f"http://127.0.0.1:{port}"
    env.setdefault("SITE_URL", address)
    return address


# The demo user is not staff: the admin sees every network, and a demo login should not.
ADMIN_HINT = ".venv/bin/python manage.py createsuperuser"


def main() -> None:
    VAR.mkdir(exist_ok=True)
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    secret_file = VAR / "secret_key"
    if "SECRET_KEY" not in env:
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(50))
        env["SECRET_KEY"] = secret_file.read_text().strip()

    procfile = choose_stores(env)
    address = serve_at(env)
    for command in FIRST_START:
        manage(*command, env=env)
    say(f"open {address}/ and log in as demo / demo (Ctrl-C stops everything).")
    say(f"the admin ({address}/admin/, bulk imports into any network) wants a staff account: {ADMIN_HINT}")
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    os.execve(str(BIN / "honcho"), ["honcho", "-f", procfile, "start"], env)


if __name__ == "__main__":
    main()
