"""netweave settings: one module, read from the environment (see .env.example)."""

from __future__ import annotations

import re
import sys
from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

# Generic views, forms and querysets are subscriptable at run time too (UpdateView[User, PreferencesForm]).
django_stubs_ext.monkeypatch()

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# No production default: a deployment without SECRET_KEY must fail loudly. The fixed
# development key signs sessions and email links anyone could forge, so it only ever
# comes with DEBUG on, and says so on every start.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment or .env to a long random value "
            "(python -c 'import secrets; print(secrets.token_urlsafe(50))'); only DEBUG=1 runs without one."
        )
    SECRET_KEY = "insecure-dev-only-key"  # noqa: S105 (public on purpose, DEBUG only)
    sys.stderr.write(
        "WARNING: SECRET_KEY is not set; using the fixed, public development key (DEBUG=1 only). "
        "Never expose this server to anyone else.\n"
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Where links in emails point. Only DEBUG has a default; in production `check --deploy`
# requires an explicit https address (netweave/checks.py). `make run` sets the address it serves.
SITE_URL = env.str("SITE_URL", default="http://localhost:8000" if DEBUG else "").rstrip("/")

INSTALLED_APPS = [
    "netweave.apps.NetweaveConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "axes",
    "accounts",
    "contacts",
    "imports",
    "meetings",
    "followups",
    "dashboard",
    "backup",
    # The REST API sits on top: it may import every app, nothing imports it.
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # An unknown /api/ address answers JSON; outside CommonMiddleware, which may still redirect it to a slash.
    "api.middleware.ApiNotFoundMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.LoginRequiredMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    # A signed-in user's write request retires their cached dashboard (netweave/cache.py).
    "netweave.cache.BumpOnWriteMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A button's address opened as a page: a page that says so instead of a blank 405.
    "netweave.error_pages.MethodNotAllowedPageMiddleware",
    # Last, as django-axes asks: it turns lockouts raised by the backend into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "netweave.urls"
WSGI_APPLICATION = "netweave.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "netweave.context_processors.site",
            ],
        },
    },
]

# --- Data stores -----------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/netweave")}
# Persistent connections: measured at 160 vs 102 requests/s without them.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # libpq startup options for every connection. The default:
    # - turns off Postgres's JIT compiler: it starts on queries estimated above 100,000
    #   cost units, and a big network's "Likely duplicates" and "People you owe" pages get
    #   there, where compiling cost 30 ms to 2 s against 60 to 270 ms of query;
    # - prices a random page read as a cached one (1.1, for data in RAM or on SSD, instead
    #   of 4 for spinning disks). At 4, once other networks share the table, a big
    #   network's search walks all its contacts through an owner index, testing the text of
    #   each, rather than read the trigram index: 27 ms against 5 ms (docs/scaling.md).
    # Behind PgBouncer, which refuses most startup options, set this empty and set both on
    # the server (ALTER DATABASE ... SET jit = off; ... SET random_page_cost = 1.1).
    connect_options = env.str("DATABASE_CONNECT_OPTIONS", default="-c jit=off -c random_page_cost=1.1")
    if connect_options:
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = connect_options
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "OPTIONS": {
            # Redis down must never break a page: a cache miss is the worst outcome.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
# Sessions live in the database so that logins survive a Redis outage.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# --- Celery ----------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL)
# Results are only read by health checks and tests; tasks ignore them by default.
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env.bool("NETWEAVE_TASKS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
# Reminder work must not be lost: acknowledge after the task ran, one message at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_TIMEZONE = "UTC"
# Imports run on their own queue so reminder emails never wait behind a 30,000-row file;
# a worker consumes both (Procfile: -Q celery,imports).
CELERY_TASK_ROUTES = {"imports.tasks.run_upload_job": {"queue": "imports"}}
# The beat schedule is defined in code, in netweave/celery.py.

# --- People ----------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
NETWEAVE_SIGNUP = env.bool("NETWEAVE_SIGNUP", default=False)

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# Behind PROXY_COUNT trusted reverse proxies the client's address is taken from
# X-Forwarded-For (accounts/addresses.py); otherwise every client would share the
# proxy's address and anyone could lock anyone out.
PROXY_COUNT = env.int("PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
AXES_USERNAME_CALLABLE = "accounts.lockout.attempted_username"
# Failures per address, over all usernames, that lock the address out for everyone
# (accounts/lockout.py); the per-(username, address) limit is AXES_FAILURE_LIMIT.
AXES_HANDLER = "accounts.lockout.AddressCeilingHandler"
NETWEAVE_ADDRESS_FAILURE_LIMIT = env.int("NETWEAVE_ADDRESS_FAILURE_LIMIT", default=50)
# Password reset mails per address and per email address, per hour (accounts/throttle.py).
NETWEAVE_PASSWORD_RESET_PER_ADDRESS = env.int("NETWEAVE_PASSWORD_RESET_PER_ADDRESS", default=10)
NETWEAVE_PASSWORD_RESET_PER_EMAIL = env.int("NETWEAVE_PASSWORD_RESET_PER_EMAIL", default=3)

# --- Internationalisation --------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env.bool("STATIC_MANIFEST", default=not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without a manifest (tests, make run) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Email -----------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="netweave <netweave@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# A reminder claimed by a worker that died mid-send is taken over after this long.
NETWEAVE_STALE_CLAIM_MINUTES = env.int("NETWEAVE_STALE_CLAIM_MINUTES", default=30)
# Wait for Postgres to flush each "sent" mark to disk before the next email goes out. Off:
# a killed worker still never resends more than the message in flight, and a crash of
# Postgres itself can resend up to a fraction of a second's emails (followups/reminders/claims.py).
NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK = env.bool("NETWEAVE_REMINDER_MARKS_WAIT_FOR_DISK", default=True)

# --- Uploads ---------------------------------------------------------------
NETWEAVE_IMPORT_MAX_BYTES = env.int("NETWEAVE_IMPORT_MAX_MB", default=20) * 1024 * 1024
# Files larger than this (about 5,000 LinkedIn rows) are previewed and imported on the
# worker while the page shows progress; so are undos of more contacts than this.
NETWEAVE_IMPORT_INLINE_BYTES = env.int("NETWEAVE_IMPORT_INLINE_KB", default=512) * 1024
NETWEAVE_IMPORT_INLINE_UNDO_ROWS = env.int("NETWEAVE_IMPORT_INLINE_UNDO_ROWS", default=5000)
# If no worker has taken a queued import step after this long, the progress page runs it.
NETWEAVE_IMPORT_WORKER_WAIT_SECONDS = env.int("NETWEAVE_IMPORT_WORKER_WAIT_SECONDS", default=3)
# One import step on the worker: stopped (and marked failed, nothing saved) at the soft limit;
# the hard limit kills a worker that did not stop.
NETWEAVE_IMPORT_SOFT_TIME_LIMIT = env.int("NETWEAVE_IMPORT_SOFT_TIME_LIMIT", default=600)
NETWEAVE_IMPORT_TIME_LIMIT = env.int("NETWEAVE_IMPORT_TIME_LIMIT", default=660)
# What one file may hold: hostile or broken files are refused with these limits named,
# before they cost seconds of CPU (a LinkedIn account holds at most 30,000 connections).
NETWEAVE_IMPORT_MAX_COLUMNS = env.int("NETWEAVE_IMPORT_MAX_COLUMNS", default=500)
NETWEAVE_IMPORT_MAX_CARDS = env.int("NETWEAVE_IMPORT_MAX_CARDS", default=50_000)
NETWEAVE_IMPORT_MAX_CARD_CHARS = env.int("NETWEAVE_IMPORT_MAX_CARD_KB", default=1024) * 1024
NETWEAVE_IMPORT_MAX_LINE_CHARS = env.int("NETWEAVE_IMPORT_MAX_LINE_KB", default=1024) * 1024
# An import (or undo) that writes more contacts than this runs ANALYZE on the contact table
# afterwards (Postgres), so the next pages are planned with statistics that know the new rows.
NETWEAVE_IMPORT_ANALYZE_ROWS = env.int("NETWEAVE_IMPORT_ANALYZE_ROWS", default=5000)
# "Download everything": zip files are written here (shared by web and worker processes),
# kept this many hours, and built inside the request below this many rows.
NETWEAVE_BACKUP_DIR = Path(env.str("NETWEAVE_BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))
NETWEAVE_BACKUP_KEEP_HOURS = env.int("NETWEAVE_BACKUP_KEEP_HOURS", default=24)
NETWEAVE_BACKUP_INLINE_ROWS = env.int("NETWEAVE_BACKUP_INLINE_ROWS", default=2000)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A file over NETWEAVE_IMPORT_MAX_BYTES is swallowed, never stored; the form names the limit.
FILE_UPLOAD_HANDLERS = [
    "imports.uploads.UploadSizeLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Imports that pass this many not yet imported files keep only the newest.
NETWEAVE_IMPORT_MAX_PENDING_UPLOADS = env.int("NETWEAVE_IMPORT_MAX_PENDING_UPLOADS", default=5)

# --- Security --------------------------------------------------------------
# Trust X-Forwarded-Proto only when a proxy is there to set it; without one, any client
# could claim HTTPS.
BEHIND_PROXY = env.bool("BEHIND_PROXY", default=PROXY_COUNT > 0)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, "mailto:"],
        "frame-ancestors": [NONE],
    }
}

# --- REST API --------------------------------------------------------------
# Personal access tokens (Authorization: Bearer ...) for scripts; the session too, so
# the browsable docs work for a signed-in user (DRF's session auth enforces CSRF on writes).
# Bearer comes first so a request without credentials gets 401 + WWW-Authenticate: Bearer.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "api.permissions.TokenScopeAllowsMethod",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerTokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.IdCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per token (or per signed-in user) and period: "600/min", "10000/hour", "20/s".
NETWEAVE_API_RATE = env.str("NETWEAVE_API_RATE", default="600/min")
if not re.fullmatch(r"[1-9][0-9]*/(s|sec|second|m|min|minute|h|hour|d|day)", NETWEAVE_API_RATE):
    raise ImproperlyConfigured(f"NETWEAVE_API_RATE must look like 600/min or 10/s, not {NETWEAVE_API_RATE!r}.")
SPECTACULAR_SETTINGS = {
    "TITLE": "netweave API",
    "DESCRIPTION": "Your network, meetings, ledger and follow-ups. Authenticate with a personal access "
    "token from Preferences: `Authorization: Bearer <token>`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "MeetingStateEnum": "meetings.models.MeetingState",
        "FollowUpStateEnum": "followups.models.FollowUpState",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
