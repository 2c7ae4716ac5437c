"""Settings shared by every environment. No secret lives here."""

from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    # our apps, lowest layer first (see docs/architecture.md)
    "people",
    "competencies",
    "courses",
    "quizzes",
    "certificates",
    "reports",
    "lms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",  # the queue of TASKS_BACKEND=database in production (db_worker)
    "csp",
]

MIDDLEWARE = [
    # HTML and JSON compressed on the fly (static files come pre-compressed from WhiteNoise).
    # BREACH: the only secret in our pages is the CSRF token, which Django masks afresh on
    # every response, and Django's GZipMiddleware pads each response with random bytes.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "lms.middleware.RequestBodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lms.generation.GenerationMiddleware",  # the content generation, read once per request
    "django.middleware.locale.LocaleMiddleware",
    "lms.middleware.AnonymousPageCacheMiddleware",  # off unless PAGE_CACHE_SECONDS (production)
    "django.middleware.common.CommonMiddleware",
    "lms.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "people.middleware.StaffMfaRequiredMiddleware",
    "people.middleware.RateLimitedMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: it runs the view itself for the actions of IDEMPOTENT_VIEWS.
    "lms.idempotency.IdempotencyKeyMiddleware",
]

# Actions the offline queue may send more than once: a repeated Idempotency-Key is a no-op.
IDEMPOTENT_VIEWS = ("courses:lesson_complete", "quizzes:save")

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "lms.context_processors.site",
            ],
            # Wagtail's admin tags with the sidebar, config, dialog and icons kept per
            # process (lms/admin_chrome_tags.py): a third of an admin page's time otherwise.
            "libraries": {"wagtailadmin_tags": "lms.admin_chrome_tags"},
        },
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Permissions in one query (it logs no one in); the two below log people in.
    "people.backends.PermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
WAGTAILADMIN_LOGIN_URL = "account_login"
# A page with a view restriction sends a visitor to our login page, not Wagtail's bare one.
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"

# --- Language: Vietnamese first, English second -------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media -----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Upload limits: checked by Django, by Wagtail and again by our own validators.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# A whole request (the largest upload plus the form around it): refused with 413 before it is
# read (lms.middleware.RequestBodyLimitMiddleware). Django's own limits leave files out, so
# every view has a limit of its own: by URL name below, else the admin's, else the site's.
MAX_REQUEST_BODY_SIZE = 25 * 1024 * 1024
REQUEST_BODY_LIMIT = 1024 * 1024  # a form of the site: a screen of quiz answers fits easily
REQUEST_BODY_LIMIT_ADMIN = DATA_UPLOAD_MAX_MEMORY_SIZE + 1024 * 1024  # page and snippet forms
SPREADSHEET_IMPORT_BODY_LIMIT = 6 * 1024 * 1024  # a 5 MB file and its form
REQUEST_BODY_LIMITS = {
    "quizzes:save": 128 * 1024,  # one answer
    **dict.fromkeys(
        [
            "wagtailimages:add",
            "wagtailimages:edit",
            "wagtailimages:add_multiple",
            "wagtailimages_chooser:create",
            "wagtaildocs:add",
            "wagtaildocs:edit",
            "wagtaildocs:add_multiple",
            "wagtaildocs_chooser:create",
            "wagtailadmin_account",  # the avatar
        ],
        MAX_REQUEST_BODY_SIZE,
    ),
    **dict.fromkeys(
        [
            "people_import",
            "competencies_framework_import",
            "quizzes_admin:import",
            "wagtailredirects:start_import",
        ],
        SPREADSHEET_IMPORT_BODY_LIMIT,
    ),
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "png": "webp", "jpeg": "webp", "gif": "webp"}

# --- Wagtail ----------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Học kỹ năng số"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Passwords are set, changed and reset through allauth only (its rate limits, its e-mails,
# other sessions ended on a change): Wagtail's own password forms would be a second door.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no request to another host, also in the admin
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# --- Accounts (django-allauth): see people/adapters.py and the issue's closing note -------
ACCOUNT_ADAPTER = "people.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "people.forms.SignupForm"}
# E-mail or phone (E.164) with a password, or a one-time code; members registered by their team
# leader without e-mail or phone log in with the username printed on their login card.
ACCOUNT_LOGIN_METHODS = {"email", "phone", "username"}
# Both optional, one required (people.forms.SignupForm.clean); full name, audience and unit too.
ACCOUNT_SIGNUP_FIELDS = ["phone", "email", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"  # generated from the full name, never asked
# "optional" here only because allauth cannot express "mandatory for accounts that have an
# e-mail": people.adapters.EmailVerificationStage makes it mandatory for them.
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = False
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_MAX_ATTEMPTS = 3
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# Six digits, no dash: what people expect from an SMS code and can type on a keypad.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
ACCOUNT_LOGIN_BY_CODE_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 10 * 60  # an SMS can take minutes to arrive in the country
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False  # this session stays; every other one ends
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 5 * 60
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "verify_phone": "1/30s/key,3/m/ip",
    "change_phone": "1/m/user",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
# allauth warns when no login method is a required sign-up field; ours requires one of two.
# Django warns that `wagtailadmin_tags` names two modules: TEMPLATES' `libraries` puts ours
# (lms/admin_chrome_tags.py) in place of Wagtail's on purpose; tests/lms/test_admin_chrome.py
# fails if any other library name is ever used twice.
# SQLite warns that it ignores the covering (INCLUDE) columns of the reports' indexes: they are
# a PostgreSQL speed-up, and without them SQLite still uses the index's key columns.
SILENCED_SYSTEM_CHECKS = ["account.W001", "templates.W003", "models.W040"]
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Học kỹ năng số"
MFA_RECOVERY_CODE_COUNT = 10
# Editors, managers and administrators must set up an authenticator app before /admin/
# (people.middleware.StaffMfaRequiredMiddleware). dev.py turns it off for the demo accounts.
MFA_REQUIRED_FOR_STAFF = True
USERSESSIONS_TRACK_ACTIVITY = False
# Where one-time codes go by SMS: see people/sms.py for the interface of a real gateway.
SMS_BACKEND = "people.sms.FileSmsSender"
SMS_FILE_PATH = BASE_DIR / "media" / "sms-outbox.txt"  # media/ is git-ignored

DEFAULT_FROM_EMAIL = "Học kỹ năng số <no-reply@localhost>"

# --- Tasks: in-process by default ----------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Cache: a real local cache (rate limits need one) --------------------------------------
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lms",
    }
}

# Whole pages for anonymous visitors (lms.middleware.AnonymousPageCacheMiddleware): production
# turns it on; elsewhere a page always shows what was just saved.
PAGE_CACHE_SECONDS = 0

# --- Security that holds in every environment ----------------------------------------------
# Sessions are read from the cache (Redis in production) and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 14 * 24 * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "lms.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

# The public site runs no inline script; the Wagtail admin needs some (see lms/middleware.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, "https://www.youtube-nocookie.com", "https://www.youtube.com"],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

SITE_TAGLINE = _("Học kỹ năng số cho mọi người")

# Media files are served by Django only where no web server or object store does it
# (dev, `make serve` and the benchmark); production sets SERVE_MEDIA=0 behind nginx or S3.
SERVE_MEDIA = False

# --- Certificates: the issuer's keys (PDF signature, Open Badges VC-JWT) -------------------
# Never committed. `manage.py create_demo_issuer` (run by seed_demo) writes a self-signed
# issuer into the git-ignored var/certificate-issuer/; production sets the three variables.
import os  # noqa: E402

CERTIFICATE_ISSUER_DIR = BASE_DIR / "var" / "certificate-issuer"
CERTIFICATE_ISSUER_P12 = os.environ.get(
    "CERTIFICATE_ISSUER_P12", str(CERTIFICATE_ISSUER_DIR / "issuer.p12")
)
CERTIFICATE_ISSUER_PASSPHRASE = os.environ.get("CERTIFICATE_ISSUER_PASSPHRASE", "demo-issuer")
CERTIFICATE_ISSUER_ED25519_KEY = os.environ.get(
    "CERTIFICATE_ISSUER_ED25519_KEY", str(CERTIFICATE_ISSUER_DIR / "ed25519.pem")
)
# Public verification: lookups per IP and window before a 429.
CERTIFICATE_VERIFY_RATE = (20, 60)
