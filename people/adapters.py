"""django-allauth adapter: phone numbers on the User, SMS codes, Vietnamese usernames, and
e-mail verification that is mandatory for every account that has an e-mail address."""

from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.stages import EmailVerificationStage as AllauthEmailVerificationStage
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .forms import PhoneField
from .models import User
from .phones import normalize_phone
from .services import username_base
from .sms import send_sms

EMAIL_STAGE = "allauth.account.stages.EmailVerificationStage"


class EmailVerificationStage(AllauthEmailVerificationStage):
    """Verification is mandatory for accounts with an e-mail; phone-only accounts verify
    their phone instead (allauth's PhoneVerificationStage), so they pass here."""

    def handle(self):
        user = self.login.user
        if self.login.email or (user is not None and user.email):
            self.login.email_verification = account_settings.EmailVerificationMethod.MANDATORY
        return super().handle()


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        # allauth's own text does not say when; the key limit is 5 failures per 5 minutes.
        "too_many_login_attempts": _(
            "Bạn đã nhập sai quá nhiều lần. Vui lòng đợi 5 phút rồi thử lại, "
            "hoặc đăng nhập bằng mã gửi qua tin nhắn."
        ),
        "phone_taken": _("Số điện thoại này đã có tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu."),
        "email_taken": _("E-mail này đã có tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu."),
    }

    def get_login_stages(self) -> list[str]:
        stages = super().get_login_stages()
        return [
            "people.adapters.EmailVerificationStage" if path == EMAIL_STAGE else path
            for path in stages
        ]

    # --- usernames: generated from the full name, easy to type on a login card -----------
    def populate_username(self, request, user: User) -> None:
        if not user.username:
            user.username = self.generate_unique_username(
                [username_base(user.full_name), user.email, "hocvien"]
            )

    def save_user(self, request, user: User, form, commit: bool = True) -> User:
        user.full_name = " ".join(form.cleaned_data.get("full_name", "").split())
        return super().save_user(request, user, form, commit=commit)

    # --- phone numbers live on the User (E.164) --------------------------------------------
    def phone_form_field(self, **kwargs: Any) -> PhoneField:
        kwargs.setdefault("label", _("Số điện thoại"))
        return PhoneField(**kwargs)

    def set_phone(self, user: User, phone: str, verified: bool) -> None:
        user.phone = phone
        user.phone_verified = verified
        user.save(update_fields=["phone", "phone_verified"])

    def get_phone(self, user: User) -> tuple[str, bool] | None:
        if not user.phone:
            return None
        return user.phone, user.phone_verified

    def set_phone_verified(self, user: User, phone: str) -> None:
        self.set_phone(user, phone, True)

    def get_user_by_phone(self, phone: str) -> User | None:
        # The login form passes the number as typed ("0912 345 678"), not cleaned.
        try:
            phone = normalize_phone(phone)
        except ValidationError:
            return None
        return User.objects.filter(phone=phone).order_by("pk").first()

    def send_verification_code_sms(self, user: User, phone: str, code: str, **kwargs) -> None:
        send_sms(
            phone=phone,
            message=gettext(
                "Học kỹ năng số: mã xác minh của bạn là %(code)s. Không đưa mã này cho ai."
            )
            % {"code": code},
        )

    def send_unknown_account_sms(self, phone: str, **kwargs) -> None:
        send_sms(
            phone=phone,
            message=gettext(
                "Học kỹ năng số: số điện thoại này chưa có tài khoản. "
                "Nếu không phải bạn yêu cầu, hãy bỏ qua tin nhắn này."
            ),
        )

    def send_account_already_exists_sms(self, phone: str) -> None:
        send_sms(
            phone=phone,
            message=gettext(
                "Học kỹ năng số: số điện thoại này đã có tài khoản. "
                "Hãy đăng nhập bằng mã gửi qua tin nhắn."
            ),
        )
