"""A staff person without a second factor reaches only the pages that set one up
(settings.MFA_REQUIRED_FOR_STAFF), whatever the URL; and allauth's uncaught rate limits."""

from allauth.core.exceptions import RateLimited
from allauth.core.ratelimit import respond_429
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from .selectors import is_staff_for_mfa

# What an editor, manager or administrator without an authenticator app may open, by URL
# name: setting one up (with the re-authentication it asks for), logging out, and requests
# that carry no one's data (health checks, the service worker and manifest, the offline page,
# the display and language switches, which only set a cookie). Everything else — the admin,
# member lists, login cards, course assignment, reports, and the public pages too, whose
# header names the person — redirects to the set-up page.
MFA_ENROLMENT_URL_NAMES = frozenset(
    {
        "mfa_activate_totp",
        "mfa_index",
        "account_reauthenticate",
        "account_request_reauthentication_code",
        "account_confirm_reauthentication_code",
        "account_logout",
        "admin_logout",
        "health",
        "ping",
        "service_worker",
        "web_app_manifest",
        "offline",
        "text_size_toggle",
        "contrast_toggle",
        "data_saver_toggle",
        "set_language",
    }
)


def is_mfa_enrolment_path(path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in MFA_ENROLMENT_URL_NAMES


def needs_second_factor(user) -> bool:
    """Staff (people.selectors.is_staff_for_mfa) without a TOTP authenticator."""
    return (
        user.is_authenticated
        and is_staff_for_mfa(user)
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )


class StaffMfaRequiredMiddleware:
    """Sends an editor, manager or administrator without an authenticator app to the page that
    sets one up, from any URL but the few in MFA_ENROLMENT_URL_NAMES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            getattr(settings, "MFA_REQUIRED_FOR_STAFF", False)
            and request.user.is_authenticated
            and is_staff_for_mfa(request.user)  # roles read once per request
            and not is_mfa_enrolment_path(request.path_info)
            and needs_second_factor(request.user)
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
