# Tendik: `make demo` sets everything up and serves the app; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: help demo test install install-dev assets messages migrate serve worker lint schema bench clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

demo: install migrate  ## install, create the SQLite database, load the demo and serve on 127.0.0.1
	$(PY) manage.py load_demo
	$(PY) manage.py schedule_reminders
	# The demo's first backup, so «Состояние системы» shows one (the worker makes one nightly).
	mkdir -p var/backups
	$(PY) manage.py backup var/backups/tendik-demo.tar.gz
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

serve:  ## serve the demo (gunicorn and a worker)
	scripts/serve-demo.sh

worker:  ## run one background worker
	$(PY) manage.py worker --no-reload

test: install-dev  ## run the whole suite (unit, API, e2e in Chromium)
	scripts/install-system-deps.sh
	$(PY) -m pytest

lint: install-dev  ## ruff
	$(VENV)/bin/ruff check .

schema: install-dev  ## regenerate openapi.yaml
	$(PY) manage.py spectacular --file openapi.yaml --validate

bench: install-dev  ## run the benchmarks
	$(PY) benchmarks/bench_organisations.py
	$(PY) benchmarks/bench_plans.py
	$(PY) benchmarks/bench_reporting.py

clean:  ## remove the virtualenv, node_modules and var/
	rm -rf $(VENV) node_modules var
