"""Settings shared by every profile. Values come from environment variables (see .env.example)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("TENDIK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("TENDIK_SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("TENDIK_DEBUG", True)
ALLOWED_HOSTS = env_list("TENDIK_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("TENDIK_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "tendik.core",
    "tendik.system",
    "tendik.territories",
    "tendik.organisations",
    "tendik.plans",
    "tendik.reporting",
    "tendik.offline",
    "tendik.analytics",
    "tendik.exports",
    "tendik.opendata",
    "tendik.portal",
    "tendik.documents",
    "tendik.partners",
    "tendik.committees",
    "tendik.demo",
]

MIDDLEWARE = [
    # First: every response, a redirect or a refusal included, carries the id its log lines have.
    "tendik.system.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files come pre-compressed), before anything that writes bodies.
    "django.middleware.gzip.GZipMiddleware",
    "tendik.core.middleware.ContentSecurityPolicyMiddleware",
    "tendik.core.middleware.UploadSizeLimitMiddleware",
    "tendik.core.middleware.NulByteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tendik.core.i18n.QueryLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tendik" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tendik.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("TENDIK_DATABASE_URL", f"sqlite:///{VAR_DIR / 'tendik.sqlite3'}"),
        conn_max_age=int(os.environ.get("TENDIK_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the worker write while the web process reads; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # PostgreSQL's JIT compiles any query its planner thinks costly, ~200 ms each time: more than
    # the figures' aggregates take to run (benchmarks/bench_analytics.py measures both).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sessions expire after a working day, and after two idle hours.
SESSION_COOKIE_AGE = int(os.environ.get("TENDIK_SESSION_IDLE_SECONDS", str(2 * 3600)))
SESSION_SAVE_EVERY_REQUEST = True
# A report page kept on a device for use offline is neither shown nor kept after this.
TENDIK_OFFLINE_MAX_AGE_HOURS = int(os.environ.get("TENDIK_OFFLINE_MAX_AGE_HOURS", "168"))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

AXES_FAILURE_LIMIT = int(os.environ.get("TENDIK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TENDIK_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
# JSON for the API's token endpoint, the lockout page for the login form.
AXES_LOCKOUT_CALLABLE = "tendik.core.api.lockout_response"
# Token logins per client address, whatever the username: password spraying is slowed down.
TENDIK_LOGIN_RATE = os.environ.get("TENDIK_LOGIN_RATE", "20/min")
AXES_VERBOSE = False
# Proxies in front of the app (nginx: 1; 0 = the peer is the client). Logins are counted per the
# address our proxy saw (tendik/core/http.py client_ip), never per what a client put in a header.
TENDIK_PROXY_COUNT = int(os.environ.get("TENDIK_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "tendik.core.http.client_ip"
# Failed logins and lockouts are logged with these masked (axes' default, kept on purpose: the logs
# must name no one).
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address"]

OTP_TOTP_ISSUER = "Tendik"

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("ru", _("Русский")),
    ("ky", _("Кыргызча")),
    ("kk", _("Қазақша")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "tendik" / "locale"]
TIME_ZONE = os.environ.get("TENDIK_TIME_ZONE", "Asia/Bishkek")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# The image collects static files into itself (TENDIK_STATIC_ROOT), outside the data volume.
STATIC_ROOT = Path(os.environ.get("TENDIK_STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [
    BASE_DIR / "tendik" / "static",
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The cache holds figures under their data's fingerprint (never stale) and the API's login rate. One
# process's memory is enough on one host; with several web hosts, point them at one Redis so the
# login rate is counted across them: TENDIK_CACHE_URL=redis://host:6379/0 (`pip install '.[scale]'`).
if os.environ.get("TENDIK_CACHE_URL"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                          "LOCATION": os.environ["TENDIK_CACHE_URL"], "KEY_PREFIX": "tendik"}}

# Private files on S3-compatible storage (MinIO, Ceph, a cloud's object store) instead of the local
# folder, so that several web and worker hosts share them: `pip install '.[scale]'`, TENDIK_STORAGE=s3.
if os.environ.get("TENDIK_STORAGE", "local") == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": os.environ.get("TENDIK_S3_BUCKET", "tendik"),
        "endpoint_url": os.environ.get("TENDIK_S3_ENDPOINT_URL") or None,
        "region_name": os.environ.get("TENDIK_S3_REGION") or None,
        "access_key": os.environ.get("TENDIK_S3_ACCESS_KEY"),
        "secret_key": os.environ.get("TENDIK_S3_SECRET_KEY"),
        # Evidence is private: no public ACL, and a stored name is never silently replaced.
        "default_acl": "private",
        "file_overwrite": False,
    }}
WHITENOISE_USE_FINDERS = True
# Files browsers ask for at the site root (/favicon.ico) without reading the page.
WHITENOISE_ROOT = BASE_DIR / "tendik" / "static" / "root"
# Uploaded files live outside the web root and are only served through permission-checked views.
PRIVATE_MEDIA_ROOT = VAR_DIR / "private"
MEDIA_ROOT = PRIVATE_MEDIA_ROOT

TENDIK_MAX_UPLOAD_BYTES = int(os.environ.get("TENDIK_MAX_UPLOAD_MB", "20")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded spreadsheets are checked before they are parsed (tendik/core/xlsx.py). The largest real
# imports (a country's directory, a plan matrix) unpack to a few MB with a few thousand rows and
# strings and under 50 columns; the limits leave ten times that room, and keep the worst file
# they admit at a few seconds of parsing and a few hundred MB of memory. Real XLSX parts compress
# about 5-20:1; a part that unpacks past 1 MB at over 100:1 is a bomb.
TENDIK_XLSX_MAX_UNPACKED_BYTES = int(os.environ.get("TENDIK_XLSX_MAX_UNPACKED_MB", "50")) * 2**20
TENDIK_XLSX_MAX_RATIO = int(os.environ.get("TENDIK_XLSX_MAX_RATIO", "100"))
TENDIK_XLSX_MAX_MEMBERS = int(os.environ.get("TENDIK_XLSX_MAX_MEMBERS", "500"))
TENDIK_XLSX_MAX_ROWS = int(os.environ.get("TENDIK_XLSX_MAX_ROWS", "50000"))
TENDIK_XLSX_MAX_COLUMNS = int(os.environ.get("TENDIK_XLSX_MAX_COLUMNS", "500"))
TENDIK_XLSX_MAX_CELLS = int(os.environ.get("TENDIK_XLSX_MAX_CELLS", "1000000"))
TENDIK_XLSX_MAX_STRINGS = int(os.environ.get("TENDIK_XLSX_MAX_STRINGS", "200000"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A running job silent for this long lost its worker and is marked failed.
TENDIK_JOB_STALE_MINUTES = int(os.environ.get("TENDIK_JOB_STALE_MINUTES", "30"))

# Reporting: reminders N days before the due date and every M days after it; a value that
# differs from the previous period by more than this factor gets a (non-blocking) warning.
TENDIK_REMINDER_DAYS_BEFORE = int(os.environ.get("TENDIK_REMINDER_DAYS_BEFORE", "7"))
TENDIK_REMINDER_EVERY_DAYS_AFTER = int(os.environ.get("TENDIK_REMINDER_EVERY_DAYS_AFTER", "3"))
TENDIK_OUTLIER_FACTOR = float(os.environ.get("TENDIK_OUTLIER_FACTOR", "3"))

# Open data: the licence every download carries, and who publishes it (the catalogue's publisher).
TENDIK_OPEN_DATA_LICENCE = os.environ.get("TENDIK_OPEN_DATA_LICENCE", "CC-BY-4.0")
TENDIK_OPEN_DATA_LICENCE_URL = os.environ.get(
    "TENDIK_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/")
TENDIK_OPEN_DATA_PUBLISHER = os.environ.get("TENDIK_OPEN_DATA_PUBLISHER", "Tendik")

EMAIL_BACKEND = os.environ.get(
    "TENDIK_EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("TENDIK_FROM_EMAIL", "tendik@localhost")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "knox.auth.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": [
        "tendik.core.parsers.SafeJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "tendik.core.api.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"login": TENDIK_LOGIN_RATE},
}
# API tokens: a new one for each login, ending after a working day (and on a password change or
# deactivation); only their digest is stored.
REST_KNOX = {
    "TOKEN_TTL": timedelta(hours=int(os.environ.get("TENDIK_API_TOKEN_TTL_HOURS", "10"))),
    "AUTH_HEADER_PREFIX": "Token",
    "AUTO_REFRESH": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tendik API",
    "DESCRIPTION": "Plans, reports and evidence for national gender-equality policy.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "tendik.core.schema.document_errors"],
    "ENUM_NAME_OVERRIDES": {
        "ReportFormatEnum": "tendik.exports.models.ReportFormat",
        "LanguageEnum": [code for code, _name in LANGUAGES],
        "JobStateEnum": "tendik.core.models.JobStatus",
        "PlanStatusEnum": "tendik.plans.models.PlanStatus",
        "CommentStatusEnum": "tendik.plans.models.CommentStatus",
        "PlanKindEnum": "tendik.plans.models.PlanKind",
        "OrganisationKindEnum": "tendik.organisations.models.OrganisationKind",
        "FrameworkKindEnum": "tendik.plans.models.FrameworkKind",
        "NameKindEnum": "tendik.organisations.models.NameKind",
        "DeadlineKindEnum": "tendik.plans.models.DeadlineKind",
        "FundingSourceEnum": "tendik.plans.models.FundingSource",
        "ActivityKindEnum": "tendik.reporting.models.ActivityKind",
        "PeriodKindEnum": "tendik.reporting.models.PeriodKind",
        "PeriodStateEnum": "tendik.reporting.models.PeriodState",
        "ReportStateEnum": "tendik.reporting.models.ReportState",
        "ProgressStatusEnum": "tendik.reporting.models.ProgressStatus",
        # Two other "status" lists of the figures, named apart from a measure's reported status.
        "IndicatorProgressStatusEnum": "tendik.analytics.indicators.PROGRESS_STATUSES",
        "MeasureLatestStatusEnum": "tendik.analytics.progress.STATUSES",
        "ProjectStatusEnum": "tendik.partners.models.ProjectStatus",
        "PartnerRoleEnum": "tendik.partners.models.PartnerRole",
        "EngagementKindEnum": "tendik.partners.models.EngagementKind",
        "FollowUpStatusEnum": "tendik.partners.models.FollowUpStatus",
        "CommitmentStatusEnum": "tendik.partners.models.CommitmentStatus",
        "CommitmentFrameworkEnum": "tendik.partners.models.CommitmentFramework",
        "ActionCoalitionEnum": "tendik.partners.models.ActionCoalition",
        "StatisticsStateEnum": "tendik.committees.models.StatisticsState",
        "CommitteeStatusEnum": "tendik.committees.models.CommitteeStatus",
        "MemberRoleEnum": "tendik.committees.models.MemberRole",
        "InstitutionEnum": "tendik.committees.models.Institution",
        "ServiceKindEnum": "tendik.committees.models.ServiceKind",
    },
}

# Logs: plain text in development, one JSON object per line in production (TENDIK_LOG_FORMAT).
# Every line carries the request id (tendik/system/logging.py).
TENDIK_LOG_FORMAT = os.environ.get("TENDIK_LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "tendik.system.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "tendik.system.logging.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request_id"],
                             "formatter": TENDIK_LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("TENDIK_LOG_LEVEL", "INFO")},
    # WeasyPrint logs every layout step of every page at INFO: the worker's log would drown.
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}},
}

# Operations (tendik/system): a request slower than this is logged; the worker's heartbeat and
# when it counts as stale; the free disk below which /health/ready fails; the nightly backup.
TENDIK_SLOW_REQUEST_MS = int(os.environ.get("TENDIK_SLOW_REQUEST_MS", "1000"))
TENDIK_HEARTBEAT_SECONDS = int(os.environ.get("TENDIK_HEARTBEAT_SECONDS", "30"))
TENDIK_WORKER_STALE_SECONDS = int(os.environ.get("TENDIK_WORKER_STALE_SECONDS", "180"))
TENDIK_DISK_MIN_FREE_MB = int(os.environ.get("TENDIK_DISK_MIN_FREE_MB", "500"))
TENDIK_BACKUP_DIR = Path(os.environ.get("TENDIK_BACKUP_DIR", VAR_DIR / "backups"))
TENDIK_BACKUP_KEEP = int(os.environ.get("TENDIK_BACKUP_KEEP", "7"))
# The hour (local time) of the nightly backup; -1 turns the scheduled backup off.
TENDIK_BACKUP_HOUR = int(os.environ.get("TENDIK_BACKUP_HOUR", "2"))
# The scheduled jobs `manage.py worker` queues at start; each does nothing if its next run is waiting.
TENDIK_WORKER_SCHEDULES = ["tendik.reporting.tasks.reminders_schedule",
                           "tendik.system.tasks.backup_schedule"]

# Family-violence statistics: counts below this are suppressed («<5») in everything shown beyond
# the submitting body and the coordinator (public pages, downloads, partner views).
DISCLOSURE_THRESHOLD = int(os.environ.get("TENDIK_DISCLOSURE_THRESHOLD", "5"))
