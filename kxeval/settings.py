"""Settings for kxeval.

Everything that differs between a laptop and production comes from environment variables, read
by the small strict helpers below. Unset, the defaults run out of the box on SQLite.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name, default):
    value = os.environ.get(name, default)
    if value.lower() in ("true", "1", "yes", "on"):
        return True
    if value.lower() in ("false", "0", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")


def envint(name, default):
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", "True")
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is False")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "reversion",
    "django_tasks_db",
    "axes",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kxeval.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "kxeval.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0"),
    )
}
# A save writes a report and all its tables; every request is one transaction so a failure
# half-way never leaves a report half-written.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker share the file: write transactions take the lock when they
    # begin (no "database is locked" half-way), and readers do not wait for writers (WAL).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
        "timeout": 20,
    }

AUTH_USER_MODEL = "reports.User"
# axes first: it refuses a locked-out user name and address before the password is looked at.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "report_list"
LOGOUT_REDIRECT_URL = "login"

# Login lockout (django-axes): five wrong passwords for one user name from one address lock that
# pair out for 30 minutes, counted again from each further try; the same user elsewhere, or
# another user at that address, can still log in. A successful login clears the count. Attempts
# live in the database, so every app server sees the same ones; administrators unlock with
# `manage.py axes_reset_username <name>`, or in /admin/ under Axes › Access attempts.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "kxeval.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "kxeval.lockout.lockout_response"
# Reverse proxies in front of the app servers whose X-Forwarded-For is believed (see
# kxeval/lockout.py, client_ip); none in development, where REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = 0

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

MEDIA_ROOT = Path(os.environ.get("KXEVAL_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"  # never served directly: approved PDFs go through a checked view

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The widest edit page (F2 自评表, F3 2023 项目自评表: nine indicator tables of up to
# limits.MAX_ROWS rows of a dozen inputs) posts about 11,000 fields. Django's default of 1,000
# refused an F1 收支 page of 50 institutions with a bare 400, losing what was typed.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 15_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# The CJK font every PDF is set in; the system check in reports/system_checks.py insists on it.
PDF_FONT_FAMILY = "Noto Serif CJK SC"

# Background tasks (approved PDFs): django-tasks-db keeps the queue in the database, so no other
# server is needed; `make worker` (manage.py worker) runs tasks, `make run` starts one beside
# the development server. KXEVAL_TASKS=immediate runs tasks inside the request instead.
TASKS_MODE = os.environ.get("KXEVAL_TASKS", "database")
if TASKS_MODE not in ("database", "immediate"):
    raise ImproperlyConfigured("KXEVAL_TASKS must be database or immediate")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_MODE == "database"
        else "django.tasks.backends.immediate.ImmediateBackend",
        "QUEUES": ["default"],
    }
}
# A task still marked running this long after it started belongs to a worker that died; the
# next worker takes it up again (reports/tasks.py, reap_stale_tasks).
TASK_STALE_AFTER_SECONDS = envint("KXEVAL_TASK_STALE_AFTER", "600")

# E-mail: printed on the console unless DJANGO_EMAIL_BACKEND says smtp.
_EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "console")
if _EMAIL_BACKEND == "smtp":
    MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": os.environ.get("DJANGO_EMAIL_HOST", "localhost"),
            "port": envint("DJANGO_EMAIL_PORT", "25"),
            "username": os.environ.get("DJANGO_EMAIL_HOST_USER", ""),
            "password": os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", ""),
            "use_tls": envbool("DJANGO_EMAIL_USE_TLS", "False"),
        },
    }}
elif _EMAIL_BACKEND == "console":
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
else:
    raise ImproperlyConfigured("DJANGO_EMAIL_BACKEND must be console or smtp")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "kxeval@localhost")
# The address printed in the QR code of approved PDFs: where /verify/<code> is reached.
SITE_URL = os.environ.get("KXEVAL_SITE_URL", "http://127.0.0.1:8000")

# A strict Content-Security-Policy: pages load only the application's own scripts and styles,
# none inline (data for scripts travels in <script type="application/json">). Bootstrap's
# stylesheet draws form controls with data: images.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Sessions last a working day.
SESSION_COOKIE_AGE = envint("KXEVAL_SESSION_SECONDS", str(10 * 60 * 60))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG

# Production (DJANGO_DEBUG=False, behind a proxy that terminates TLS): HTTPS only, HSTS, and
# static files with hashed names served by WhiteNoise after `collectstatic`.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The client's address for the login lockout: one proxy (nginx) by default; 0 when the app
    # servers are reached directly, 2 behind a load balancer and nginx. More than there are
    # lets clients choose their own address, and so escape the lockout.
    TRUSTED_PROXY_COUNT = envint("DJANGO_TRUSTED_PROXY_COUNT", "1")
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = envint("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 60 * 60))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", "True")
    SECURE_HSTS_PRELOAD = envbool("DJANGO_SECURE_HSTS_PRELOAD", "True")
    X_FRAME_OPTIONS = "DENY"
    # Static files straight from the app server (make serve), compressed and cached for good;
    # in development runserver serves them.
    MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.csp.ContentSecurityPolicyMiddleware") + 1,
                      "whitenoise.middleware.WhiteNoiseMiddleware")
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
