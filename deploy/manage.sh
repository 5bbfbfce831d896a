#!/usr/bin/env bash
# `manage.py` with the settings the systemd units use: deploy/manage.sh migrate, backup PATH, restore PATH…
# Run it as the service user: sudo -u tendik /opt/tendik/deploy/manage.sh migrate --noinput
# The environment file is read as the units read it (TENDIK_ENV_FILE overrides its path); keep its
# values free of spaces and quotes, so the shell and systemd read them alike.
set -euo pipefail
cd "$(dirname "$0")/.."
set -a
# shellcheck source=/dev/null
. "${TENDIK_ENV_FILE:-/etc/tendik/tendik.env}"
set +a
export DJANGO_SETTINGS_MODULE=config.settings.production
exec .venv/bin/python manage.py "$@"
