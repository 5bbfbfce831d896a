#!/usr/bin/env bash
# Serve Tendik on 127.0.0.1 with one background worker beside it; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${TENDIK_PORT:-8000}"
export TENDIK_DEBUG="${TENDIK_DEBUG:-false}"
.venv/bin/python manage.py db_worker --no-reload &
WORKER=$!
trap 'kill "$WORKER" 2>/dev/null || true' EXIT INT TERM
echo "Tendik: http://127.0.0.1:${PORT}/ (worker pid ${WORKER})"
.venv/bin/gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --threads 4 \
  --access-logfile - --graceful-timeout 5
