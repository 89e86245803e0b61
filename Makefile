# netweave: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Tests always run on the real stack: Postgres and Redis (db 1, away from make run's db 0).
TEST_ENV := SECRET_KEY=test-only-not-secret \
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/netweave} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/1}

.PHONY: run test test-sqlite setup-machine typecheck lint format install vendor browsers clean

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python scripts/run.py

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(MAKE) --no-print-directory typecheck

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

node_modules/axe-core/axe.min.js: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

# As root: installs what is missing and starts Postgres/Redis. Otherwise: one line on what to install.
setup-machine:
	scripts/setup_machine.sh

test: setup-machine $(STAMP) node_modules/axe-core/axe.min.js lint
	$(TEST_ENV) $(BIN)/python -m pytest $(PYTEST_ARGS)
	$(MAKE) --no-print-directory test-sqlite

# Types (mypy + django-stubs) over every app, the scripts and the tests; part of `make lint`.
typecheck: $(STAMP)
	SECRET_KEY=typecheck-only $(BIN)/mypy netweave accounts contacts imports meetings followups dashboard api backup scripts tests conftest.py

# The one SQLite test: the `make run` fallback (SQLite file, no Redis), end to end.
test-sqlite: $(STAMP)
	$(BIN)/python scripts/smoke_sqlite.py $(SQLITE_PYTEST_ARGS)

# Refresh the vendored front-end assets from the npm registry (never a CDN at run time).
vendor:
	rm -rf /tmp/netweave-vendor && mkdir -p /tmp/netweave-vendor
	cd /tmp/netweave-vendor && npm pack --silent bootstrap@5.3.8 bootstrap-icons@1.13.1 && for f in *.tgz; do mkdir -p "$${f%.tgz}" && tar xzf "$$f" -C "$${f%.tgz}"; done
	cp /tmp/netweave-vendor/bootstrap-5.3.8/package/dist/css/bootstrap.min.css* static/vendor/bootstrap/css/
	cp /tmp/netweave-vendor/bootstrap-5.3.8/package/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/js/
	cp /tmp/netweave-vendor/bootstrap-icons-1.13.1/package/font/bootstrap-icons.min.css static/vendor/bootstrap-icons/
	cp /tmp/netweave-vendor/bootstrap-icons-1.13.1/package/font/fonts/* static/vendor/bootstrap-icons/fonts/

clean:
	rm -rf $(VENV) var staticfiles node_modules
