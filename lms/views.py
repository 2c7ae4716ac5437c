"""Site-wide views: health check, display preferences, error pages, the installable web app."""

import hashlib
import json

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .context_processors import DISPLAY_PREFERENCES


@never_cache
@require_GET
def health(request):
    """Reports whether the database and the cache answer; 503 when one does not."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not healthy"
        checks["database"] = "error"
    try:
        cache.set("healthz", "1", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "1" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )


@require_GET
def ping(request):
    """The cheapest page Django can serve through the full middleware stack: `make bench`
    measures every other page as a ratio to this one (no database, no cache, no template)."""
    return HttpResponse("pong", content_type="text/plain; charset=utf-8")


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def _display_toggle(request, preference: str):
    """Flips one display preference; a year-long cookie keeps it (works without JavaScript)."""
    cookie, value = DISPLAY_PREFERENCES[preference]
    response = HttpResponseRedirect(_safe_next(request))
    if request.COOKIES.get(cookie) == value:
        response.delete_cookie(cookie, samesite="Lax")
    else:
        response.set_cookie(
            cookie,
            value,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


# Display preferences are exempt from CSRF on purpose: a forged request can only change how the
# page looks, and without a token in every page header anonymous pages stay cacheable.
@csrf_exempt
@require_POST
def text_size_toggle(request):
    """Switches large text on or off."""
    return _display_toggle(request, "large_text")


@csrf_exempt
@require_POST
def contrast_toggle(request):
    """Switches high contrast on or off."""
    return _display_toggle(request, "high_contrast")


@csrf_exempt
@require_POST
def data_saver_toggle(request):
    """Switches data saver on or off: images wait for a tap, decorative ones are left out."""
    return _display_toggle(request, "data_saver")


def csrf_failure(request, reason=""):
    """A missing or stale CSRF token: a Vietnamese page, status 403, no traceback."""
    return render(request, "errors/403_csrf.html", status=403)


set_language = csrf_exempt(i18n_views.set_language)


def login_redirect(request):
    """Every login form goes through allauth (rate limits, MFA): no second door."""
    next_url = request.GET.get("next", "/admin/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return redirect_to_login(next_url, login_url=settings.LOGIN_URL)


# --- installable web app: manifest, service worker, offline page -------------------------

# Fetched when the service worker installs: what any page needs to show itself offline.
# Downloading a course stores, besides its pages, every asset those pages reference.
OFFLINE_STATIC = (
    "css/site.css",
    "js/offline.js",
    "js/offline-download.js",
    "img/logo.svg",
    "img/favicon.svg",
)
QUEUE_SCRIPT = "js/offline.js"


@require_GET
def web_app_manifest(request):
    """The web app manifest: name, icons and colours for "Add to home screen"."""
    icons = [
        {
            "src": static(f"img/icons/{name}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in (192, 512)
    ]
    manifest = {
        "name": settings.WAGTAIL_SITE_NAME,
        "short_name": _("Kỹ năng số"),
        "description": _(
            "Học kỹ năng số miễn phí: chữ ký số, dịch vụ công trực tuyến, VNeID, an toàn thông tin."
        ),
        "lang": "vi",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5394",
        "icons": icons,
    }
    response = JsonResponse(manifest, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/manifest+json"
    response["Cache-Control"] = "public, max-age=86400"
    return response


@never_cache
@require_GET
def service_worker(request):
    """The service worker, from the site root so that its scope is the whole site. Its text
    names this deploy's hashed static files, so a deploy changes it and browsers update it."""
    offline_url = reverse("offline")
    precache = [offline_url, *(static(path) for path in OFFLINE_STATIC)]
    version = hashlib.sha256("\n".join(precache).encode()).hexdigest()[:12]
    context = {
        "version": version,
        "precache": json.dumps(precache),
        "offline_url": json.dumps(offline_url),
        "queue_script": json.dumps(static(QUEUE_SCRIPT)),
        "static_prefix": json.dumps(settings.STATIC_URL),
        "media_prefix": json.dumps(settings.MEDIA_URL),
    }
    response = render(request, "lms/sw.js", context, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """What a page that was not downloaded shows offline (the service worker keeps a copy)."""
    return render(request, "lms/offline.html")


# Folders and files under MEDIA_ROOT that are never served by path: documents only through
# /tai-lieu/ (which checks the collection's privacy), the development SMS outbox (login codes)
# never. Compared as resolved file-system paths, so no spelling of the URL gets round them.
PRIVATE_MEDIA = ("documents", "sms-outbox.txt")


def media(request, path: str):
    """Media files where no web server or object store serves them (SERVE_MEDIA); private ones
    (PRIVATE_MEDIA) never."""
    from pathlib import Path

    from django.core.exceptions import SuspiciousFileOperation
    from django.utils._os import safe_join
    from django.views.static import serve

    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        target = Path(safe_join(root, path)).resolve()
    except SuspiciousFileOperation:  # a path outside the root is simply absent
        raise Http404 from None
    private = [(root / name).resolve() for name in PRIVATE_MEDIA]
    if any(target == place or place in target.parents for place in private):
        raise Http404
    return serve(request, str(target.relative_to(root)), document_root=root)
