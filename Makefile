# Tendik: `make demo` sets everything up and serves the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: demo test install install-dev assets messages migrate serve worker lint schema bench clean

demo: install migrate
	$(PY) manage.py load_demo
	$(PY) manage.py schedule_reminders
	scripts/serve-demo.sh

install: $(VENV)/.base-installed assets messages

install-dev: $(VENV)/.dev-installed assets messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.base-installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.dev-installed: pyproject.toml $(VENV)/.base-installed
	$(PIP) install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

# Front-end assets come pinned from the npm registry (package-lock.json), never from a CDN.
assets: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

messages: | $(VENV)/bin/python
	$(PY) manage.py compilemessages --ignore='.venv' --ignore='node_modules' -v 0

migrate:
	mkdir -p var/static
	$(PY) manage.py migrate --noinput

serve:
	scripts/serve-demo.sh

worker:
	$(PY) manage.py db_worker --no-reload

test: install-dev
	scripts/install-system-deps.sh
	$(PY) -m pytest

lint: install-dev
	$(VENV)/bin/ruff check .

schema: install-dev
	$(PY) manage.py spectacular --file openapi.yaml --validate

bench: install-dev
	$(PY) benchmarks/bench_organisations.py
	$(PY) benchmarks/bench_plans.py
	$(PY) benchmarks/bench_reporting.py

clean:
	rm -rf $(VENV) node_modules var
