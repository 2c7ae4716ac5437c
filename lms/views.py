"""Site-wide views: health check, display preferences, error pages."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import i18n as i18n_views
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .context_processors import TEXT_SIZE_COOKIE


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


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.headers.get("referer") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


# Display preferences are exempt from CSRF on purpose: a forged request can only change how the
# page looks, and without a token in every page header anonymous pages stay cacheable.
@csrf_exempt
@require_POST
def text_size_toggle(request):
    """Switches large text on or off; a cookie keeps the choice (works without JavaScript)."""
    response = HttpResponseRedirect(_safe_next(request))
    if request.COOKIES.get(TEXT_SIZE_COOKIE) == "large":
        response.delete_cookie(TEXT_SIZE_COOKIE)
    else:
        response.set_cookie(
            TEXT_SIZE_COOKIE,
            "large",
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=request.is_secure(),
            httponly=True,
        )
    return response


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


def media(request, path: str):
    """Media files where no web server or object store serves them (SERVE_MEDIA): documents
    only through /tai-lieu/, which checks the collection's privacy, never by their file path."""
    from django.views.static import serve

    if path.lstrip("/").startswith("documents/"):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)
