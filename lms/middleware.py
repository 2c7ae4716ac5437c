"""Content-Security-Policy with one exception (the Wagtail admin's own inline scripts), a limit
on the size of a request body, and the page cache for anonymous visitors."""

import hashlib

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from .context_processors import DISPLAY_PREFERENCES
from .generation import current as current_generation


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The public site runs no inline script or style; Wagtail's admin needs both."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [SELF, UNSAFE_INLINE],
                "style-src": [SELF, UNSAFE_INLINE],
            }
        return parts


def body_limit_for(path_info: str) -> int:
    """The largest request body the view at `path_info` takes, in bytes: its own entry in
    REQUEST_BODY_LIMITS (by URL name), else the admin's limit under the admin, else the site's.
    Never more than MAX_REQUEST_BODY_SIZE."""
    try:
        name = resolve(path_info).view_name
    except Resolver404:
        name = ""
    if name in settings.REQUEST_BODY_LIMITS:
        limit = settings.REQUEST_BODY_LIMITS[name]
    elif path_info.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
        limit = settings.REQUEST_BODY_LIMIT_ADMIN
    else:
        limit = settings.REQUEST_BODY_LIMIT
    return min(limit, settings.MAX_REQUEST_BODY_SIZE)


def _refusal(message: str, status: int) -> HttpResponse:
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestBodyLimitMiddleware:
    """Refuses a request whose body is larger than its view takes (`body_limit_for`) with 413,
    before Django reads it: Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves file parts out, and
    upload size checks only run once the whole body is on disk. A body without a length
    (chunked) is refused with 411: Django would read none of it. The web server in front
    (nginx `client_max_body_size`) should refuse the largest ones even earlier."""

    def __init__(self, get_response):
        self.get_response = get_response
        # A body no larger than every view's limit needs no URL lookup (a quiz answer's post).
        self.always_fits = min(
            settings.REQUEST_BODY_LIMIT,
            settings.REQUEST_BODY_LIMIT_ADMIN,
            *settings.REQUEST_BODY_LIMITS.values(),
        )

    def __call__(self, request):
        meta = request.META
        declared = meta.get("CONTENT_LENGTH") or ""
        if not declared:
            if meta.get("HTTP_TRANSFER_ENCODING"):
                return _refusal(_("Hãy gửi lại: yêu cầu thiếu độ dài nội dung."), 411)
            return self.get_response(request)
        try:
            length = int(declared)
        except ValueError:
            return _refusal(_("Độ dài nội dung không hợp lệ."), 400)
        if length <= self.always_fits:
            return self.get_response(request)
        limit = body_limit_for(request.path_info)
        if length > limit:
            if limit >= 1024 * 1024:
                size = _("%(size)s MB") % {"size": limit // (1024 * 1024)}
            else:
                size = _("%(size)s KB") % {"size": limit // 1024}
            return _refusal(
                _("Tệp hoặc nội dung gửi lên quá lớn (tối đa %(size)s).") % {"size": size}, 413
            )
        return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Whole Wagtail pages for anonymous visitors, from the cache (Redis in production).

    Only a GET of a Wagtail page (the `wagtail_serve` view) by a visitor who carries no cookie
    but the display preferences (language, large text, high contrast, data saver) is served
    or stored, so a session, a pending message or a CSRF cookie always means a fresh page. A response is stored only
    when it is a plain 200 that sets no cookie (a page with a CSRF token sets one) and does not
    ask not to be cached. The key holds the host, the path with its query, the language and
    each display preference; publishing, unpublishing, moving or deleting any page starts a new
    generation of keys (lms.generation, lms.signals), and every entry expires after
    PAGE_CACHE_SECONDS. PAGE_CACHE_SECONDS = 0 (the default outside production) turns it off.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        response = cache.get(key)
        if response is not None:
            patch_vary_headers(response, ("Cookie",))
            return response
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
        return response

    def _key(self, request) -> str | None:
        if not getattr(settings, "PAGE_CACHE_SECONDS", 0) or request.method != "GET":
            return None
        if request.path.startswith(settings.CSP_ADMIN_PATH_PREFIXES):
            return None
        display = [cookie for cookie, _on in DISPLAY_PREFERENCES.values()]
        if not set(request.COOKIES) <= {settings.LANGUAGE_COOKIE_NAME, *display}:
            return None
        generation = current_generation()
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
        shown = ",".join(request.COOKIES.get(cookie, "")[:10] for cookie in display)
        language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
        return f"lms:page:{generation}:{request.get_host()}:{language}:{shown}:{path}"

    @staticmethod
    def _storable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        cache_control = response.get("Cache-Control", "")
        return (
            match is not None
            and match.url_name == "wagtail_serve"
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
        )
