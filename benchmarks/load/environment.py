"""The environment every process of a load run shares: the server, the worker and the set-up.

The production settings profile, as a server behind a TLS proxy sees it: DEBUG off, JSON logs,
secure cookies; the proxy's `X-Forwarded-Proto: https` is sent by the load generator itself.
The secret key is fixed so that the sessions the set-up creates are valid in the server.
"""

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORK = Path(os.environ.get("TENDIK_LOAD_DIR", Path(tempfile.gettempdir()) / "tendik_load"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")
PG_URL = os.environ.get("TENDIK_LOAD_PG_URL", "postgres://postgres@127.0.0.1:5432/tendik_load")
# The load accounts' password: a throw-away database only; they sign in by prepared sessions.
PASSWORD = "Tendik-load-2026"  # noqa: S105


def database_url(database: str) -> str:
    if database == "postgres":
        return PG_URL
    return f"sqlite:///{WORK / 'var' / 'tendik.sqlite3'}"


def targets_path(database: str) -> Path:
    return WORK / f"targets-{database}.json"


def server_environment(database: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "TENDIK_DEBUG": "0",
        "TENDIK_SECRET_KEY": "load-test-only-" + "x" * 40,
        "TENDIK_SSL_REDIRECT": "0",
        "TENDIK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TENDIK_VAR_DIR": str(WORK / "var"),
        "TENDIK_DATABASE_URL": database_url(database),
        # Email to files: the load must not try an SMTP server that is not there.
        "TENDIK_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "PYTHONPATH": str(ROOT),
    }
