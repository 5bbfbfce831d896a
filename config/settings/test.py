"""Test profile: fast hashing, mail in memory, tasks run in-process unless a test asks for the worker."""

from .base import *  # noqa: F403
from .base import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Every test logs in from the same address; the throttle's own test sets a low rate.
TENDIK_LOGIN_RATE = "100000/min"
PRIVATE_MEDIA_ROOT = VAR_DIR / "test-private"
MEDIA_ROOT = PRIVATE_MEDIA_ROOT
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
