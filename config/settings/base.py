"""Settings shared by every environment. Values come from the environment (12-factor)."""

from pathlib import Path

import dj_database_url
import pghistory
from celery.schedules import crontab

from config.env import env_bool, env_int, env_list, env_str
from config.logs import configure_structlog, logging_settings

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "local-development-only-not-secret")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_forms_gds",
    "django_htmx",
    "template_partials",
    "csp",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "cases",
    "contact",
    "assessment",
    "ras",
    "support_planning",
    "validation",
    "reviews",
    "directory",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.logs.RequestLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "cases.middleware.AuditContextMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "cases.context_processors.service",
            ],
            # Compiled templates are cached (Django resets the cache when a template changes under runserver).
            "loaders": [
                (
                    "template_partials.loader.Loader",
                    [
                        (
                            "django.template.loaders.cached.Loader",
                            [
                                "django.template.loaders.filesystem.Loader",
                                "django.template.loaders.app_directories.Loader",
                            ],
                        )
                    ],
                )
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", "postgresql://postgres@localhost:5432/frontdoor"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# pg_trgm's word similarity at which a person search word finds a name spelt like it (`<%`, the trigram index's
# test): low enough that any one slip in a name of five letters or more still finds it (two letters swapped in
# "aabcaa" leave 0.29 of its trigrams); name_word_match (cases migrations 0028 and 0031) then decides exactly.
# Set on every connection as it opens, so no search spends a statement on it.
PG_TRGM_WORD_SIMILARITY = 0.2
_startup = DATABASES["default"].setdefault("OPTIONS", {})
_startup["options"] = " ".join(
    filter(None, [_startup.get("options"), f"-c pg_trgm.word_similarity_threshold={PG_TRGM_WORD_SIMILARITY}"])
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "cases.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, loading the signed-in user with their team in one query.
    "cases.backends.UserAndTeamBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "signed_out"

# Sessions end after a period without activity; the page warns before they do.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 5 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx gets the token from hx-headers on <body>

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Lock the account being guessed from the address guessing it, so one person's typos behind the council's
# proxy never lock everyone else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Lockouts, rate limits and the audit trail read the person's address the same way (config.requests.client_ip).
AXES_CLIENT_IP_CALLABLE = "config.requests.client_ip"

# Proxies in front of the app that append to X-Forwarded-For. 0: the header is ignored and the connecting
# address is the person's; N: the N-th address from the right of the header is.
PROXY_COUNT = env_int("PROXY_COUNT", 0)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / ".data" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "front-door@example.gov.uk")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Celery: Redis broker, results kept on our own rows (Letter.status), not in a result backend.
REDIS_URL = env_str("REDIS_URL", "redis://localhost:6379/0")
# Kombu names a Unix-socket Redis "redis+socket://"; redis-py names it "unix://".
CELERY_BROKER_URL = REDIS_URL.replace("unix://", "redis+socket://", 1)
# One cache every web process shares: rate limits (config.ratelimit) count in it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "frontdoor",
    }
}
# Where in the cache rate limits count; tests give each test its own.
RATELIMIT_KEY_PREFIX = "ratelimit"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "requeue-stalled-letters": {"task": "cases.tasks.requeue_stalled_letters", "schedule": 300.0},
    # Each morning, everyone whose review comes within REVIEW_INVITATION_DAYS is invited by letter, once.
    "invite-to-reviews": {
        "task": "reviews.tasks.invite_to_reviews",
        "schedule": crontab(hour=6, minute=30),
    },
    # Each morning, a case whose plan's support reached its planned last day yesterday or before closes, unless
    # something else on it is open.
    "close-ended-support": {
        "task": "reviews.tasks.close_ended_support",
        "schedule": crontab(hour=6, minute=15),
    },
}
# How many days before a review's window opens the person is invited to it (reviews.schedule.SOON: "due soon").
REVIEW_INVITATION_DAYS = env_int("REVIEW_INVITATION_DAYS", 28)
# How many weeks urgent interim support may run before a plan replaces it, and how far each extension may take it
# (reviews.interim; a setting rather than dated configuration: docs/decisions.md).
INTERIM_SUPPORT_WEEKS = env_int("INTERIM_SUPPORT_WEEKS", 6)

# Strict Content Security Policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Row history hangs off each record as `.history`; `.events` is the journey log on a case.
PGHISTORY_OBJ_FIELD = pghistory.ObjForeignKey(related_name="history")
PGHISTORY_MIDDLEWARE_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

COUNCIL_NAME_DEFAULT = env_str("COUNCIL_NAME", "Northbrook Council")
SERVICE_NAME = env_str("SERVICE_NAME", "Adult social care")

# Structured logs (config.logs): JSON lines on stdout, or readable lines with LOG_FORMAT=console.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = logging_settings(log_format=LOG_FORMAT, level=env_str("LOG_LEVEL", "INFO"))
configure_structlog()

# Roles that add, correct and check the directory's listings (the `directory.curate` permission, directory/rules.py).
DIRECTORY_EDITOR_ROLES = ("directory_editor",)
