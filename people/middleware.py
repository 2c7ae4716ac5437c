"""Staff reach /admin/ only with a second factor (settings.MFA_REQUIRED_FOR_STAFF)."""

from allauth.core.exceptions import RateLimited
from allauth.core.ratelimit import respond_429
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .selectors import is_staff_for_mfa

ADMIN_PREFIX = "/admin/"


class StaffMfaRequiredMiddleware:
    """Sends an editor, manager or administrator without an authenticator app to the page that
    sets one up, before any admin page. The account pages themselves stay reachable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "MFA_REQUIRED_FOR_STAFF", False)
            and request.path.startswith(ADMIN_PREFIX)
            and request.user.is_authenticated
            and is_staff_for_mfa(request.user)
            and not Authenticator.objects.filter(
                user=request.user, type=Authenticator.Type.TOTP
            ).exists()
        ):
            messages.warning(
                request,
                _(
                    "Tài khoản quản trị cần xác thực hai lớp. Hãy cài ứng dụng xác thực "
                    "(ví dụ Google Authenticator) và quét mã dưới đây."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class RateLimitedMiddleware:
    """allauth raises RateLimited from a few flows it does not catch itself (a phone code
    requested again within 30 seconds during sign-up): answer 429 in Vietnamese, not 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return respond_429(request)
        return None
