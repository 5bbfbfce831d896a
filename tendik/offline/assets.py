"""The static files every page needs offline, and the version that names their cache."""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static

# Paths under STATIC_URL. A file that does not exist (yet) is left out rather than failing, so
# the worker never precaches a 404.
SHELL_ASSETS = (
    "css/tendik.css",
    "vendor/htmx/htmx.min.js",
    "js/tendik.js",
    "offline/app.js",
    "offline/queue.js",
    "img/favicon.svg",
    "offline/icon-192.png",
    "offline/icon-512.png",
)
WORKER_TEMPLATE = Path(__file__).resolve().parent / "templates" / "offline" / "sw.js"


def _existing(path: str) -> str | None:
    found = finders.find(path)
    return found if isinstance(found, str) else None


def shell_asset_paths() -> list[str]:
    return [path for path in SHELL_ASSETS if _existing(path)]


def shell_asset_urls() -> list[str]:
    return [static(path) for path in shell_asset_paths()]


def shell_version() -> str:
    """A digest of the worker and the shell's files: a release that changes any of them gets a
    new version, so the new worker installs and drops the old caches. Computed once per process
    (a release restarts the processes), but afresh in development, where files change under a
    running server."""
    return _digest() if settings.DEBUG else _cached_digest()


@lru_cache(maxsize=1)
def _cached_digest() -> str:
    return _digest()


def _digest() -> str:
    digest = hashlib.sha256(WORKER_TEMPLATE.read_bytes())
    for path in shell_asset_paths():
        digest.update(path.encode())
        digest.update(Path(_existing(path)).read_bytes())
    return digest.hexdigest()[:12]
