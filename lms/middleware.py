"""Content-Security-Policy with one exception (the Wagtail admin's own inline scripts), a limit
on the size of a request body, and the page cache for anonymous visitors."""

import hashlib

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
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


class RequestBodyLimitMiddleware:
    """Refuses a request whose declared body is larger than MAX_REQUEST_BODY_SIZE with 413,
    before Django streams it to a temporary file (upload size checks only run afterwards).
    The web server in front (nginx `client_max_body_size`) should refuse it even earlier."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = getattr(settings, "MAX_REQUEST_BODY_SIZE", None)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit and length > limit:
            return HttpResponse(
                _("Tệp gửi lên quá lớn (tối đa %(size)s MB).") % {"size": limit // (1024 * 1024)},
                status=413,
                content_type="text/plain; charset=utf-8",
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
