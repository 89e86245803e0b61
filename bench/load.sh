#!/usr/bin/env bash
# The dashboard under load: gunicorn on loopback, 4 concurrent users, bounded in time.
#
#   bench/load.sh [USER] [SECONDS] [CONCURRENCY] [PATH]
#   defaults:      big    20        4             /
#
# Needs the database in DATABASE_URL seeded first:
#   python manage.py seed_demo --user big --contacts 30000
# Prints requests per second, median and p95 latency and the error count. The load
# generator is a small Python script with one keep-alive connection per user (thread),
# so it needs nothing beyond the project's own virtualenv.
set -euo pipefail

cd "$(dirname "$0")/.."
USER_NAME="${1:-big}"
SECONDS_TO_RUN="${2:-20}"
CONCURRENCY="${3:-4}"
TARGET_PATH="${4:-/}"
PORT="${LOAD_PORT:-8105}"
WORKERS="${LOAD_WORKERS:-4}"
PYTHON="${PYTHON:-.venv/bin/python}"

# Plain HTTP on loopback, static files without a manifest: the app as deployed otherwise.
export SECRET_KEY="${SECRET_KEY:-bench-only}" DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false \
  STATIC_MANIFEST=false LOG_LEVEL=WARNING

SESSION=$("$PYTHON" - "$USER_NAME" <<'PY'
import os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netweave.settings")
import django
django.setup()
from django.test import Client
from accounts.models import User
user = User.objects.filter(username=sys.argv[1]).first()
if user is None:
    sys.exit(f"No user {sys.argv[1]!r}: run seed_demo first.")
client = Client()
client.force_login(user)
print(client.cookies["sessionid"].value)
PY
)

"$PYTHON" -m gunicorn netweave.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" --log-level warning &
GUNICORN_PID=$!
trap 'kill "$GUNICORN_PID" 2>/dev/null; wait "$GUNICORN_PID" 2>/dev/null || true' EXIT

for _ in $(seq 50); do
  if "$PYTHON" -c "import socket,sys; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null; then break; fi
  sleep 0.2
done

"$PYTHON" - "$PORT" "$SESSION" "$SECONDS_TO_RUN" "$CONCURRENCY" "$TARGET_PATH" <<'PY'
import http.client
import statistics
import sys
import threading
import time

port, session, seconds, concurrency, path = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
headers = {"Cookie": f"sessionid={session}", "Host": "127.0.0.1"}
latencies: list[float] = []
errors = 0
lock = threading.Lock()


def user(deadline: float) -> None:
    global errors
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    mine, failed = [], 0
    while time.monotonic() < deadline:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
        if ok:
            mine.append(time.perf_counter() - started)
        else:
            failed += 1
    with lock:
        latencies.extend(mine)
        errors += failed


# Warm up every worker first (imports, connections), outside the measured window.
warm = time.monotonic() + 2
threads = [threading.Thread(target=user, args=(warm,)) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
latencies.clear()
errors = 0

started = time.monotonic()
deadline = started + seconds
threads = [threading.Thread(target=user, args=(deadline,)) for _ in range(concurrency)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.monotonic() - started

if not latencies:
    sys.exit(f"No successful requests ({errors} errors).")
ms = sorted(x * 1000 for x in latencies)
p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
print(f"GET {path} as {concurrency} concurrent users for {elapsed:.0f}s")
print(f"requests: {len(ms)}  errors: {errors}")
print(f"requests/s: {len(ms) / elapsed:.1f}")
print(f"latency ms: median {statistics.median(ms):.0f}  p95 {p95:.0f}  max {ms[-1]:.0f}")
PY
