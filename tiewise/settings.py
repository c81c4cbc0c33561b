"""Tiewise settings: every value comes from the environment, with a safe default.

Helpers fail loudly on a bad value instead of guessing (healthchecks style).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("TIEWISE_DATA_DIR") or BASE_DIR / "var").resolve()
# The data dir holds the database, the secret key and the job queue: only
# the account that runs Tiewise may read it, whatever the umask says. Files
# Tiewise (and SQLite) create in it are private too.
os.umask(0o077)
DATA_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
if DATA_DIR.stat().st_mode & 0o077:
    DATA_DIR.chmod(0o700)


def _secret_key() -> str:
    """Use SECRET_KEY when given; otherwise make one once and keep it in the
    data dir, so sessions survive restarts without anyone configuring it."""
    given = os.environ.get("SECRET_KEY")
    if given:
        return given
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    key = secrets.token_urlsafe(50)
    # Created 0600 from the first byte, never readable by others even briefly.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(key)
    return key


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ninja",
    "tiewise.accounts",
    "tiewise.network",
    "tiewise.planning",
    "tiewise.insights",
    "tiewise.upkeep",
    "tiewise.transfer",
    "tiewise.coaching",
    "tiewise.directory",
    "tiewise.learning",
    "tiewise.ops",
    "tiewise.jobs",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "tiewise.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tiewise.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    "tiewise.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "tiewise.urls"
WSGI_APPLICATION = "tiewise.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tiewise" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tiewise.context_processors.phi",
            ],
        },
    }
]

_default_sqlite = f"sqlite:///{DATA_DIR / 'tiewise.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer commits; the busy timeout makes a
    # second writer wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

# --- the Python process ---------------------------------------------------------

# CPython's cyclic collector runs a full pass after about 70,000 new
# container objects; a page of a 3,000-tie PLN makes that many, so a full
# pass over every live object landed in half of such requests (70 ms of a
# 140 ms dashboard). A larger first threshold keeps the young passes rare;
# the older generations keep their defaults, and start-up's objects are
# frozen out of full passes. `TIEWISE_GC_THRESHOLD=0` leaves Python's own
# collector as it is (700, nothing frozen). Applied by tiewise.ops at start-up.
GC_THRESHOLD = env_int("TIEWISE_GC_THRESHOLD", 20000)
if GC_THRESHOLD < 0:
    raise ImproperlyConfigured(f"TIEWISE_GC_THRESHOLD must be 0 or more, not {GC_THRESHOLD}")

# --- shared state: cache, sessions, throttles and the job queue ----------------
#
# Embedded (the default): everything on this machine, in the data dir. The
# cache is a directory every server process shares, so login throttles and
# cached pages agree across gunicorn workers; jobs wait in a SQLite file that
# `tiewise serve` drains with the worker it starts beside the web workers.
#
# Scaled: REDIS_URL holds the cache, the sessions' cache, the throttle
# counters and the job queue for every app server and `tiewise worker`.
REDIS_URL = os.environ.get("REDIS_URL", "").strip()
CACHE_KIND = os.environ.get("TIEWISE_CACHE", "redis" if REDIS_URL else "file")
if CACHE_KIND not in ("redis", "file", "locmem"):
    raise ImproperlyConfigured(f"TIEWISE_CACHE must be redis, file or locmem, not {CACHE_KIND!r}")
if CACHE_KIND == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("TIEWISE_CACHE=redis needs REDIS_URL")
CACHE_MB = env_int("TIEWISE_CACHE_MB", 512)
if CACHE_MB < 1:
    raise ImproperlyConfigured(f"TIEWISE_CACHE_MB must be 1 or more, not {CACHE_MB}")
_CACHE_BACKENDS: dict[str, dict[str, object]] = {
    "redis": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    },
    # A store in the data dir that every process on this machine shares
    # (tiewise/cache.py says why it is not Django's file-based cache).
    "file": {
        "BACKEND": "tiewise.cache.DiskCache",
        "LOCATION": str(DATA_DIR / "cache"),
        # How long a write waits for another process's: then a page's is
        # dropped and a count tries again (tiewise/cache.py).
        "DATABASE_TIMEOUT": 1.0,
        # The oldest entries go first past the size limit; SQLite's page
        # cache per connection and shard is 4 MB, not diskcache's 32.
        "OPTIONS": {"size_limit": CACHE_MB * 2**20, "sqlite_cache_size": 1024},
    },
    # One process only (tests): never for a server with several workers.
    "locmem": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
CACHES = {
    "default": {
        **_CACHE_BACKENDS[CACHE_KIND],
        "KEY_PREFIX": os.environ.get("TIEWISE_CACHE_PREFIX", "tw"),
        "TIMEOUT": 24 * 3600,
    }
}

# Rate limits, one bucket per kind of work, per user (tiewise/throttles.py).
TIEWISE_RATE_LIMITS = not env_bool("TIEWISE_NO_RATE_LIMITS", False)
TIEWISE_RATES: dict[str, str] = {
    # every API call
    "api": os.environ.get("TIEWISE_RATE_API", "1200/m"),
    # what recomputes a lot when the cache is cold: maps, insights, PDFs, coach views
    "expensive": os.environ.get("TIEWISE_RATE_EXPENSIVE", "120/m"),
    # uploads and exports
    "transfer": os.environ.get("TIEWISE_RATE_TRANSFER", "30/m"),
    # emails that go to someone else: invitations, coaching requests
    "email": os.environ.get("TIEWISE_RATE_EMAIL", "20/h"),
    # requests to connect and introductions asked in the directory
    "contact": os.environ.get("TIEWISE_RATE_CONTACT", "10/h"),
}

JOBS_IMMEDIATE = env_bool("TIEWISE_JOBS_IMMEDIATE", False)
if JOBS_IMMEDIATE:
    # Tests: a job runs at once, in the caller's process, through the same code.
    HUEY = {"name": "tiewise", "immediate": True}
elif REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": os.environ.get("TIEWISE_QUEUE_NAME", "tiewise"),
        "url": REDIS_URL,
        "immediate": False,
        "results": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tiewise",
        "filename": str(DATA_DIR / "jobs.sqlite3"),
        "immediate": False,
        "results": False,
    }

AUTH_USER_MODEL = "accounts.User"
# Sessions read from the cache, written through to the database: one query
# less on every page, and nothing lost on a restart.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if env_bool("TIEWISE_FAST_HASHER", False):
    # Tests only: Argon2 is deliberately slow.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

# allauth: email is the login; no usernames.
ACCOUNT_ADAPTER = "tiewise.accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# Sign-up proves the address (one click in the email, which also signs in),
# and the answers to sign-up, sign-in and password reset never tell whether an
# address has an account (allauth's enumeration prevention needs that proof).
ACCOUNT_EMAIL_VERIFICATION = os.environ.get("ACCOUNT_EMAIL_VERIFICATION", "mandatory")
if ACCOUNT_EMAIL_VERIFICATION not in ("mandatory", "optional", "none"):
    raise ImproperlyConfigured("ACCOUNT_EMAIL_VERIFICATION must be mandatory, optional or none")
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
# Sensitive actions ask for the password again after 15 minutes: changing the
# email or password, creating API tokens, sharing private people with a coach.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 15 * 60
# Two-factor sign-in: an authenticator app (TOTP) or a passkey, with recovery codes.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_TOTP_ISSUER = "Tiewise"
# Passkeys need a secure origin; a plain-http SITE_URL (local use) may still try them.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not SITE_URL.startswith("https://")
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = True
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("TIEWISE_LOGIN_RATE", "10/m/ip,5/5m/key"),
    "signup": os.environ.get("TIEWISE_SIGNUP_RATE", "20/m/ip"),
}
if env_bool("TIEWISE_NO_RATE_LIMITS", False):
    ACCOUNT_RATE_LIMITS = False  # type: ignore[assignment]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_SIGNUP_REDIRECT_URL = "profile"

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Tiewise <noreply@tiewise.local>")

LANGUAGE_CODE = "en"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Built from the code, not user data: shared by every data dir, so a new
# data dir (tests, benchmarks) does not recompress the same files.
STATIC_ROOT = Path(os.environ.get("TIEWISE_STATIC_ROOT") or BASE_DIR / "var" / "static")
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing one
STATICFILES_DIRS = [BASE_DIR / "tiewise" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or not env_bool("TIEWISE_STATIC_MANIFEST", True)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or not env_bool("TIEWISE_STATIC_MANIFEST", True)

# Upload limits: a PLN import is a contact list, not a media library.
TIEWISE_MAX_UPLOAD_BYTES = env_int("TIEWISE_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
# Every other request body (forms, JSON): refused above this, unread.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000

# Security headers. HTTPS-only settings turn on when the site says it is HTTPS.
HTTPS = SITE_URL.startswith("https://") or env_bool("TIEWISE_HTTPS", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy: no inline script anywhere; page scripts are static
# files and values reach them through data-* attributes.
CSP_DEFAULT_SRC = ("'self'",)
CSP_SCRIPT_SRC = ("'self'",)
# Cytoscape.js sets style attributes on its own elements, so inline styles
# are allowed; inline script never is.
CSP_STYLE_SRC = ("'self'", "'unsafe-inline'")
CSP_IMG_SRC = ("'self'", "data:", "blob:")
CSP_CONNECT_SRC = ("'self'",)
CSP_FONT_SRC = ("'self'",)
CSP_OBJECT_SRC = ("'none'",)
CSP_BASE_URI = ("'none'",)
CSP_FORM_ACTION = ("'self'",)
CSP_FRAME_ANCESTORS = ("'none'",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Secret URL segments (feed tokens, reset keys) are redacted from every line.
    "filters": {"redact": {"()": "tiewise.ops.logsafe.RedactFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
