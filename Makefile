# Tiewise. `make run` and `make test` work on a fresh clone; everything they
# need is installed here, idempotently.
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# What serving needs only (no test tools): `make run` on a fresh clone is quick.
SERVE_STAMP := $(VENV)/.installed-serve
PG_URL ?= postgresql://postgres@127.0.0.1:5432/test
PORT ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK=1

.PHONY: setup serve-setup run test lint typecheck unit unit-pg browser bench chromium clean

setup: $(STAMP) tiewise/static/vendor/.built

serve-setup: $(SERVE_STAMP) tiewise/static/vendor/.built

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(SERVE_STAMP)

$(SERVE_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e .
	touch $@

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error

tiewise/static/vendor/.built: frontend/node_modules/.package-lock.json frontend/build.mjs
	cd frontend && npm run --silent build
	touch $@

run: serve-setup
	$(BIN)/tiewise migrate --quiet
	$(BIN)/tiewise demo
	@echo "Open http://127.0.0.1:$(PORT)/ and log in as demo@tiewise.local (password: tiewise-demo);"
	@echo "her coach is coach@tiewise.local (password: tiewise-demo)"
	$(BIN)/tiewise serve --port $(PORT)

# Debian's chromium drives the browser tests; install it when missing.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing chromium with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	fi

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy tiewise

unit: setup
	@echo "== unit and view tests on SQLite =="
	$(BIN)/pytest -p xdist -n 2

unit-pg: setup
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || $(BIN)/python -c "import socket;socket.create_connection(('127.0.0.1',5432),2)" 2>/dev/null; then \
	  echo "== unit and view tests on PostgreSQL (without those that cannot depend on it) =="; \
	  DATABASE_URL=$(PG_URL) $(BIN)/pytest -p xdist -n 2 -m "not any_database"; \
	else echo "== PostgreSQL not reachable at 127.0.0.1:5432: skipped =="; fi

browser: setup chromium
	@echo "== browser tests (Chromium) =="
	$(BIN)/pytest tests/browser -p no:xdist

test: lint typecheck unit unit-pg browser

bench: setup chromium
	@for f in bench/bench_*.py; do echo "== $$f =="; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) frontend/node_modules tiewise/static/vendor var/static
