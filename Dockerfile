# syntax=docker/dockerfile:1
# Tendik's production image: gunicorn serving the app, static files collected and compressed at build
# time and served by WhiteNoise. The same image runs the release step (`manage.py migrate`) and the
# worker (`manage.py worker`): see compose.yaml.
#
# Base images are pinned to exact versions. To pin them to the byte as well, resolve each digest where
# a registry is reachable (`docker buildx imagetools inspect python:3.11.11-slim-bookworm`) and write
# `FROM python:3.11.11-slim-bookworm@sha256:<digest>`.

# Front-end assets from the npm registry, as package-lock.json pins them (htmx; no dev tools).
FROM node:20.18.1-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# Python dependencies in a virtualenv, message catalogues compiled, static files collected.
FROM python:3.11.11-slim-bookworm AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PATH=/opt/tendik/.venv/bin:$PATH
RUN apt-get update \
 && apt-get install -y --no-install-recommends gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/tendik
RUN python -m venv .venv
COPY pyproject.toml README.md manage.py ./
COPY config config
COPY tendik tendik
COPY deploy deploy
RUN pip install .
COPY --from=assets /src/node_modules/htmx.org node_modules/htmx.org
# collectstatic reads the production settings, which need a key; this one exists only in this step.
RUN python manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0 \
 && DJANGO_SETTINGS_MODULE=config.settings.production TENDIK_SECRET_KEY=build-only-not-a-secret \
    TENDIK_VAR_DIR=/tmp/var TENDIK_STATIC_ROOT=/opt/tendik/static \
    python manage.py collectstatic --noinput -v 0

# The runtime: Python, the libraries WeasyPrint needs (Pango, fonts) and pg_dump/pg_restore for
# `manage.py backup`; no compilers, no gettext, no Node.
FROM python:3.11.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core postgresql-client \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 tendik \
 && useradd --system --uid 10001 --gid tendik --home-dir /var/lib/tendik --shell /usr/sbin/nologin tendik \
 && install -d -o tendik -g tendik /var/lib/tendik /var/backups/tendik
# The code stays root's and read-only to the app; only the data folders (its home too: matplotlib and
# fontconfig keep their caches there) are the app's.
COPY --from=builder /opt/tendik /opt/tendik
ENV PATH=/opt/tendik/.venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production \
    TENDIK_VAR_DIR=/var/lib/tendik \
    TENDIK_BACKUP_DIR=/var/backups/tendik \
    TENDIK_STATIC_ROOT=/opt/tendik/static \
    TENDIK_BIND=0.0.0.0:8000 \
    TENDIK_FORWARDED_ALLOW_IPS=*
# The app's port is published to no one: only the proxy on the compose network reaches it, so its
# forwarded headers are believed from any address there.
WORKDIR /opt/tendik
USER 10001:10001
VOLUME ["/var/lib/tendik", "/var/backups/tendik"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4)"]
CMD ["gunicorn", "--config", "deploy/gunicorn.conf.py", "config.wsgi:application"]
