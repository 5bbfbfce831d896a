#!/usr/bin/env bash
# Serve Tendik on 127.0.0.1 with one background worker beside it; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${TENDIK_PORT:-8000}"
export TENDIK_DEBUG="${TENDIK_DEBUG:-false}"
.venv/bin/python manage.py worker --no-reload &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
echo "Tendik: http://127.0.0.1:${PORT}/ (worker pid ${WORKER})"
# The path without its query string (a search may be a person's name), and the request id that
# the application's own log lines carry.
ACCESS_LOG_FORMAT='%(t)s "%(m)s %(U)s" %(s)s %(b)s %(M)sms %({x-request-id}o)s'
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 \
  --access-logfile - --access-logformat "${ACCESS_LOG_FORMAT}" --graceful-timeout 5
