#!/usr/bin/env bash
# Make this machine able to run netweave's tests; `make test` and .ci/run both call it.
# As root: apt-get install what is missing, then start Postgres and Redis if they do not
# answer. Otherwise: print one line saying what to install and carry on (the browser
# tests then report SKIPPED with the reason; see tests/e2e/conftest.py).
set -euo pipefail

chromium="${NETWEAVE_CHROMIUM:-/usr/bin/chromium}"
need_apt=()
command -v pg_isready >/dev/null || need_apt+=(postgresql postgresql-client)
command -v redis-server >/dev/null || need_apt+=(redis-server)
[ -x "$chromium" ] || need_apt+=(chromium)
command -v chromedriver >/dev/null || need_apt+=(chromium-driver)
command -v npm >/dev/null || need_apt+=(nodejs npm)
python3 -c 'import venv, ensurepip' 2>/dev/null || need_apt+=(python3-venv)
# Fonts, so that screenshots show real text.
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)

pg_answers() { command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; }
redis_answers() { command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; }

if [ "$(id -u)" -ne 0 ]; then
  todo=()
  [ ${#need_apt[@]} -eq 0 ] || todo+=("apt-get install ${need_apt[*]}")
  pg_answers || todo+=("start Postgres on 127.0.0.1:5432")
  redis_answers || todo+=("start Redis on 127.0.0.1:6379")
  if [ ${#todo[@]} -gt 0 ]; then
    skipped=""
    [ -x "$chromium" ] || skipped=" (until then the browser tests are skipped)"
    echo "netweave: not root, so not installing; as root run: $(IFS=';'; echo "${todo[*]}" | sed 's/;/; /g')${skipped}."
  fi
  exit 0
fi

log() { printf '== %s\n' "$*"; }
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi
if ! pg_answers; then
  log "starting Postgres"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 30); do pg_answers && break; sleep 1; done
fi
if ! redis_answers; then
  log "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no
  for _ in $(seq 30); do redis_answers && break; sleep 1; done
fi
