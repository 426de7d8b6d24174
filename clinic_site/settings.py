"""Settings for the clinic site, all in one module and configured from the environment.

Every variable read here is listed, with a comment, in `.env.example`.
"""

import datetime
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from clinic_site.cache import redis_cache
from clinic_site.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development).")
    SECRET_KEY = "insecure-local-development-key-not-for-production"  # noqa: S105 (debug only)
# Earlier secret keys, still accepted while sessions and encrypted fields move to the new one. The field
# encryption keys are derived from the secret key too: after changing it, keep the old one here and run
# `manage.py rotate_encryption_key` before removing it.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")

# Keys for encrypting health answers and contact details at rest, newest first. During a
# rotation list the new key first and the old one second; both are read, the first is written.
SALT_KEY = env_list("FIELD_ENCRYPTION_KEYS")
# Key for the keyed hashes that let staff find a request by e-mail or phone without storing them in plain text.
LOOKUP_HASH_KEY = env_str("LOOKUP_HASH_KEY")
if not (SALT_KEY and LOOKUP_HASH_KEY):
    if not DEBUG:
        raise ImproperlyConfigured("Set FIELD_ENCRYPTION_KEYS and LOOKUP_HASH_KEY (or DJANGO_DEBUG=1 locally).")
    SALT_KEY = SALT_KEY or ["insecure-local-field-key-not-for-production"]
    LOOKUP_HASH_KEY = LOOKUP_HASH_KEY or "insecure-local-lookup-key-not-for-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site, used in canonical links, the sitemap, the feed and JSON-LD
# when there is no request to read it from.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "clinic_site.apps.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "crispy_forms",
    "clinic_site.apps.ClinicSiteConfig",
    "education",
    "eligibility",
]

MIDDLEWARE = [
    "clinic_site.request_id.RequestIdMiddleware",
    # The redirect to HTTPS, and the headers that depend on the request's scheme, for every response.
    "django.middleware.security.SecurityMiddleware",
    # A stored public page for a reader without a session, answered here with the headers the middleware below gave
    # it when it was rendered; the Host is checked first (clinic_site/page_cache.py).
    "clinic_site.page_cache.CachedPageMiddleware",
    # Before anything that reads the Host header: a refused Host gets the 400 page with this header too.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Static files answered here, before the rest: hashed names cached for a year, gzip or Brotli as asked.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # The Host check, Content-Length, and the ETag and 304 for pages that may be kept.
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    # The language from the address (Spanish under /es/) for everything below; a stored page already has its own.
    "clinic_site.languages.LanguageFromPathMiddleware",
    # Above the session middleware, so that it also sees the session cookie a response sets.
    "clinic_site.middleware.PrivateWithSessionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "clinic_site.middleware.StaffSessionLimitsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "clinic_site.urls"
ADMIN_URL = env_str("DJANGO_ADMIN_URL", "admin/")
WSGI_APPLICATION = "clinic_site.wsgi.application"

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
                "clinic_site.context_processors.clinic",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Random reads cost about what sequential ones do on SSDs and cached data. With PostgreSQL's default (4, for
    # spinning disks) the planner reads every article's search document instead of using the GIN index: search
    # took 3 times as long with 5,000 articles (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c random_page_cost=1.1")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First: refuses a sign-in while the account or the address is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff accounts: a second factor (TOTP app, or a single-use recovery code) whenever debug is off.
STAFF_TWO_FACTOR_REQUIRED = env_bool("DJANGO_STAFF_TWO_FACTOR_REQUIRED", default=not DEBUG)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Clinic staff")
# Lock-out after repeated failed sign-ins for one account from one address (the pair): nobody elsewhere can lock a
# staff member out. Failures for one account from many addresses slow sign-in to it instead (sign_in_throttle.py).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "locked_out.html"
AXES_CLIENT_IP_CALLABLE = "clinic_site.client_ip.client_ip"
# Sign-in attempts from one address a minute, whichever accounts they name (clinic_site/sign_in_throttle.py).
RATELIMIT_SIGN_IN = env_str("RATELIMIT_SIGN_IN", "10/m")
# Staff sessions end after 15 minutes idle and 8 hours in all; Django rotates the session key at sign-in.
STAFF_SESSION_IDLE_SECONDS = env_int("STAFF_SESSION_IDLE_SECONDS", 15 * 60)
STAFF_SESSION_MAX_SECONDS = env_int("STAFF_SESSION_MAX_SECONDS", 8 * 60 * 60)
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"  # where sign-in leads when `next` is missing or points off the site

# The request headers that hold the visitor's address, set by our own proxies, outermost first: a CDN's (for example
# HTTP_CF_CONNECTING_IP), then nginx's HTTP_X_REAL_IP. None when the app is reached directly (REMOTE_ADDR is used).
CLIENT_IP_HEADERS = env_list("CLIENT_IP_HEADERS")

# The shared cache (rate limits, and page caching later): Redis when REDIS_URL is set. The site runs without it:
# if Redis stops answering, reads miss and rate limits are not enforced until it is back (logged; clinic_site/cache.py).
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": redis_cache(REDIS_URL) if REDIS_URL else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

# Public forms: every POST is limited per address; over the limit the visitor gets a kind 429 page.
RATELIMIT_PUBLIC_POST = env_str("RATELIMIT_PUBLIC_POST", "30/m")
# A cache that cannot count (Redis down) lets the post through rather than turning away someone asking for help.
RATELIMIT_FAIL_OPEN = True
RATELIMIT_IP_META_KEY = "clinic_site.client_ip.client_ip"
RATELIMIT_VIEW = "clinic_site.views.rate_limited"
# Request bodies: forms here are small; anything bigger is refused with the 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 400)

# English at the site's addresses, Spanish under /es/ (clinic_site/urls.py, docs/decisions/spanish.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (article images): the folder MEDIA_ROOT by default, which every app server must share; or
# S3-compatible object storage (Amazon S3, MinIO, Ceph, ...) through django-storages when MEDIA_S3_BUCKET is set.
# Without MEDIA_S3_ACCESS_KEY_ID the usual AWS_* variables or the machine's role are used. docs/operations.md.
MEDIA_S3_BUCKET = env_str("MEDIA_S3_BUCKET")
MEDIA_S3_ENDPOINT_URL = env_str("MEDIA_S3_ENDPOINT_URL")
MEDIA_S3_CUSTOM_DOMAIN = env_str("MEDIA_S3_CUSTOM_DOMAIN")  # a CDN in front of the bucket
MEDIA_STORAGE = (
    {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": MEDIA_S3_BUCKET,
            "endpoint_url": MEDIA_S3_ENDPOINT_URL or None,
            "region_name": env_str("MEDIA_S3_REGION") or None,
            "access_key": env_str("MEDIA_S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("MEDIA_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": MEDIA_S3_CUSTOM_DOMAIN or None,
            # Article images are public: plain addresses, no expiring signatures; the bucket policy grants reading.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=86400"},
        },
    }
    if MEDIA_S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
# Where the images' addresses point when they are not on this site, for the Content-Security-Policy's img-src.
MEDIA_ORIGINS = []
if MEDIA_S3_BUCKET:
    _bucket_host = urlsplit(MEDIA_S3_ENDPOINT_URL or f"https://{MEDIA_S3_BUCKET}.s3.amazonaws.com")
    _bucket_origin = f"{_bucket_host.scheme}://{_bucket_host.netloc}"
    MEDIA_ORIGINS = [f"https://{MEDIA_S3_CUSTOM_DOMAIN}" if MEDIA_S3_CUSTOM_DOMAIN else _bucket_origin]
# `manage.py collectstatic` (run by `make serve`) writes each file under a content-hashed name with .gz and
# .br copies; WhiteNoise serves them with far-future caching. Debug mode serves the source files instead.
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

# Uploaded article images: refused above these limits before Pillow decodes them.
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = env_int("IMAGE_UPLOAD_MAX_PIXELS", 25_000_000)
IMAGE_RENDITION_WIDTHS = (480, 960, 1440)

# Forms are laid out with django-crispy-forms and drawn by our own pack (templates/clinic/): GOV.UK patterns.
CRISPY_ALLOWED_TEMPLATE_PACKS = ("clinic",)
CRISPY_TEMPLATE_PACK = "clinic"
CRISPY_FAIL_SILENTLY = False  # a layout naming a missing question is a bug: fail the tests, never drop a question
# Django's form renderer, with the smallest widget templates (an input, a radio button) drawn in Python.
FORM_RENDERER = "clinic_site.form_renderer.ClinicFormRenderer"

# How long a shared cache (a CDN or proxy) may keep a public education page.
EDUCATION_CACHE_SECONDS = env_int("EDUCATION_CACHE_SECONDS", 300)

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Plain HTTP is sent to the public address, never to whatever Host the request named (which is not checked there).
SECURE_SSL_HOST = urlsplit(SITE_URL).netloc if SITE_URL.startswith("https://") else None
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True  # no script here reads it
# Powerful browser features the site never uses, all denied.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "publickey-credentials-get", "screen-wake-lock",
        "usb", "xr-spatial-tracking",
    )
}  # fmt: skip

# No inline script or style anywhere, no third-party hosts: everything is served from 'self'.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Outgoing e-mail: SMTP (settings below) unless debug is on, when e-mails are printed to the console instead.
email_backend = env_str(
    "DJANGO_EMAIL_BACKEND", f"django.core.mail.backends.{'console' if DEBUG else 'smtp'}.EmailBackend"
)
if not DEBUG and email_backend.rsplit(".", 2)[-2] in ("console", "locmem"):
    raise ImproperlyConfigured(
        f"DJANGO_EMAIL_BACKEND={email_backend} prints or keeps e-mails (resume links, addresses) instead of "
        "sending them: set the SMTP backend (README, E-mail), or DJANGO_DEBUG=1 on your own machine."
    )
MAILERS = {"default": {"BACKEND": email_backend}}
if email_backend.endswith("filebased.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {"file_path": env_str("DJANGO_EMAIL_FILE_PATH") or str(BASE_DIR / "var" / "mail")}
if email_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 587),
        "username": env_str("DJANGO_EMAIL_USER"),
        "password": env_str("DJANGO_EMAIL_PASSWORD"),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", True),
        # A slow mail server must not hold a request open; unsent mail is retried later.
        "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
    }
DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", "care@example.org")
# Where new-request notifications go (reference and admin link only, never health data).
CLINIC_NOTIFICATION_EMAIL = env_str("CLINIC_NOTIFICATION_EMAIL", "intake@example.org")
# Where URGENT safety alerts go (an answer about self-harm, a number to call, a questionnaire left part-way, and the
# staff e-mails of an urgent record): a monitored on-call address, watched through opening hours (docs/operations.md).
CLINIC_URGENT_EMAIL = env_str("CLINIC_URGENT_EMAIL", CLINIC_NOTIFICATION_EMAIL)

# Unsubmitted questionnaires are kept this many days, then purged.
QUESTIONNAIRE_DRAFT_DAYS = 7

# JSON lines on stderr, each with the request id; form data, cookies, credentials, query strings and resume tokens
# are scrubbed by the formatter (gunicorn's own lines too: gunicorn.conf.py). Error reports are built from an
# allow-list: no query string, Referer, cookie, form value or local variable (clinic_site/error_reports.py).
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "clinic_site.logs.RequestIdFilter"},
        "no_debug": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {
            "()": "clinic_site.logs.ScrubbingJsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]},
        "mail_admins": {
            "class": "clinic_site.error_reports.ScrubbingAdminEmailHandler",
            "level": "ERROR",
            "filters": ["no_debug"],
        },
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL, "propagate": False},
        # Anyone can send a request Django refuses as suspicious (another Host, too many fields, an oversized body):
        # logged, but never an e-mail each (a flood), and never through the error reporter.
        "django.security": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
        # django-axes narrates every sign-in at INFO; its warnings (failures, lock-outs) are kept.
        "axes": {"level": "WARNING"},
    },
}
# Who gets e-mailed error reports (comma-separated addresses); the reports hide what people typed.
ADMINS = env_list("DJANGO_ADMINS")
DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic_site.error_reports.NoPersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = "clinic_site.error_reports.NoPersonalDataReporter"

# Data retention
# `python manage.py apply_retention` (run daily) purges unsubmitted questionnaire drafts once expired
# (QUESTIONNAIRE_DRAFT_DAYS after their last save) and anonymises requests closed or marked not a candidate
# this many days after they were closed.
RETENTION_CLOSED_DAYS = env_int("RETENTION_CLOSED_DAYS", 365)
if RETENTION_CLOSED_DAYS < 1:
    raise ImproperlyConfigured("RETENTION_CLOSED_DAYS must be 1 or more.")
