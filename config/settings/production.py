"""Production profile: DEBUG off, secure cookies, HSTS, strict CSP. `check --deploy` is clean."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = False
if os.environ.get("TENDIK_SECRET_KEY") is None:
    raise RuntimeError("TENDIK_SECRET_KEY must be set in production")
SECRET_KEY = os.environ["TENDIK_SECRET_KEY"]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("TENDIK_SSL_REDIRECT", True)
# The proxy and the orchestrator probe health over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("TENDIK_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
EMAIL_BACKEND = os.environ.get("TENDIK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("TENDIK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("TENDIK_EMAIL_PORT", "25"))
# One JSON object per log line, for the log collector; TENDIK_LOG_FORMAT=text overrides it.
if "TENDIK_LOG_FORMAT" not in os.environ:
    LOGGING["handlers"]["console"]["formatter"] = "json"  # noqa: F405
