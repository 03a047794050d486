"""gridcity settings: one module, driven by the environment.

Nothing set gives a development instance on SQLite under var/. Production sets at least
GRIDCITY_SECRET_KEY, GRIDCITY_DEBUG=0, GRIDCITY_ALLOWED_HOSTS and DATABASE_URL (docs/deploy.md).
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("GRIDCITY_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# The development key is public; gridcity.checks refuses it in `check --deploy` when DEBUG is off.
DEVELOPMENT_SECRET_KEY = "gridcity-development-key-never-use-in-production"
SECRET_KEY = os.environ.get("GRIDCITY_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
DEBUG = env_bool("GRIDCITY_DEBUG", True)
ALLOWED_HOSTS = env_list("GRIDCITY_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("GRIDCITY_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gridcity.org",
    "gridcity.grids",
    "gridcity.worktime",
    "gridcity.catalog",
    "gridcity.cases",
    "gridcity.console",
    "gridcity.frontage",
    "gridcity.clients",
    "gridcity.outbox",
    "gridcity.open311",
    "gridcity.hotline",
    "gridcity.evaluation",
    "gridcity.inspection",
    "gridcity.orderday",
    "gridcity.runtime",
    "gridcity.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gridcity.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gridcity.urls"
WSGI_APPLICATION = "gridcity.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "gridcity" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gridcity.console.context.console",
            ],
        },
    },
]

# Database: SQLite file by default; DATABASE_URL=postgres://… switches to PostgreSQL.
SQLITE_PATH = VAR_DIR / "gridcity.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("GRIDCITY_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock when a
    # transaction begins, so the web server and the worker wait for each other (up to the
    # timeout) instead of failing half-way with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}

# The cache holds the API clients' rate-limit counters. Production sets GRIDCITY_CACHE_URL to a
# Redis server (redis://127.0.0.1:6379/0) so that every server process counts together.
if os.environ.get("GRIDCITY_CACHE_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["GRIDCITY_CACHE_URL"],
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "console:home"
LOGOUT_REDIRECT_URL = "login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language: Simplified Chinese first; English for visitors who choose it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "gridcity" / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    BASE_DIR / "gridcity" / "static",
    # Front-end libraries come from the npm registry (package-lock.json) and are served as-is.
    ("vendor/leaflet", BASE_DIR / "node_modules" / "leaflet" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/leaflet.markercluster", BASE_DIR / "node_modules" / "leaflet.markercluster" / "dist"),
    ("vendor/exifr", BASE_DIR / "node_modules" / "exifr" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("GRIDCITY_MEDIA_ROOT", VAR_DIR / "media"))
# nginx's internal location of MEDIA_ROOT (e.g. /protected-media/): the media view checks who may
# see a file and nginx sends it. Empty: Django sends the file itself.
MEDIA_ACCEL_REDIRECT = os.environ.get("GRIDCITY_MEDIA_ACCEL_REDIRECT", "")

if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("GRIDCITY_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env_bool("GRIDCITY_SSL_REDIRECT", False)
    SECURE_HSTS_SECONDS = int(os.environ.get("GRIDCITY_HSTS_SECONDS", "0"))
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Map background: 天地图 tiles when a key is configured, a plain background otherwise
# (the platform must work on a machine without internet).
TIANDITU_KEY = os.environ.get("GRIDCITY_TIANDITU_KEY", "")

# Other systems (docs/hotline.md, docs/webhooks.md). PUBLIC_URL is this site's address as other
# systems reach it: the links to after-photos in the messages sent to the 12345 hotline use it.
PUBLIC_URL = os.environ.get("GRIDCITY_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# "batch": Open311 POSTs are checked and answered with a token, and the worker files them a moment
# later (docs/open311.md); "realtime" (the default) files each request before answering.
OPEN311_INTAKE = os.environ.get("GRIDCITY_OPEN311_INTAKE", "realtime")
OPEN311_FILING_THREADS = int(os.environ.get("GRIDCITY_OPEN311_FILING_THREADS", "4"))  # in the worker
OUTBOX_TIMEOUT = float(os.environ.get("GRIDCITY_OUTBOX_TIMEOUT", "10"))  # seconds per delivery attempt
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("GRIDCITY_OUTBOX_MAX_ATTEMPTS", "10"))  # then the message is dead

# How often a process re-reads the grid layer's revision to notice boundaries changed by
# another process (seconds). Within one process a change is seen at once.
GRID_INDEX_RECHECK_SECONDS = float(os.environ.get("GRIDCITY_GRID_INDEX_RECHECK_SECONDS", "2"))

# A case lies on a party's frontage (门前三包) within this many metres of its area: positions
# taken by phone are a few metres off.
FRONTAGE_TOLERANCE_M = float(os.environ.get("GRIDCITY_FRONTAGE_TOLERANCE_M", "5"))

# The checked-in crontab of periodic management commands; the worker runs it in-process.
CRONTAB_PATH = BASE_DIR / "deploy" / "crontab"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GRIDCITY_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint and fontTools narrate every PDF they make at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
