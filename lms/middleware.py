"""Content-Security-Policy with one exception (the Wagtail admin's own inline scripts), and a
limit on the size of a request body."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


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
