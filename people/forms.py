"""Forms for people: allauth's sign-up with our fields, the phone field, the unit picker,
and the team leader's assisted registration."""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Audience, OrgUnit
from .phones import normalize_phone

UNIT_INVALID = _("Đơn vị bạn chọn không có trong danh sách. Hãy chọn lại.")


class PhoneField(forms.CharField):
    """A phone number typed the Vietnamese way (0912 345 678), cleaned to E.164."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Số điện thoại"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
        )
        kwargs.setdefault("help_text", _("Ví dụ: 0912 345 678"))
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else value


def unit_choices(queryset=None) -> list:
    """Active units grouped by commune/ward (the second level), indented by depth.

    One query whatever the size of the tree; a <select> with groups needs no JavaScript
    and browsers let people type the first letters to jump to a unit."""
    units = list(
        (queryset if queryset is not None else OrgUnit.objects.active())
        .order_by("path")
        .only("pk", "name", "path", "depth")
    )
    names = {unit.path: unit.name for unit in units}
    groups: dict[str, list] = {}
    for unit in units:
        key = unit.path[: OrgUnit.steplen * min(unit.depth, 2)]
        indent = "\u00a0\u00a0" * max(unit.depth - 2, 0)
        groups.setdefault(key, []).append((str(unit.pk), indent + unit.name))
    return [("", _("— Chọn đơn vị —"))] + [
        (names.get(key, options[0][1]), options) for key, options in groups.items()
    ]


class UnitChoiceField(forms.ChoiceField):
    """Picks an active unit; cleans to the OrgUnit or a Vietnamese error."""

    def __init__(self, *args, queryset=None, **kwargs):
        self.queryset = queryset
        kwargs.setdefault("label", _("Đơn vị (xã, phường, tổ công nghệ số)"))
        kwargs.setdefault("error_messages", {"invalid_choice": UNIT_INVALID})
        super().__init__(*args, choices=self._choices_now, **kwargs)

    def _choices_now(self):
        return unit_choices(self.queryset)

    def valid_value(self, value) -> bool:
        return True  # checked against the database in clean(), not against the choices

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        queryset = self.queryset if self.queryset is not None else OrgUnit.objects.active()
        try:
            return queryset.get(pk=int(value))
        except (ValueError, TypeError, OrgUnit.DoesNotExist):
            raise ValidationError(UNIT_INVALID, code="invalid_choice") from None


class SignupForm(AllauthSignupForm):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=150,
        min_length=2,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    audience = forms.ChoiceField(
        label=_("Bạn là"), choices=Audience.choices, widget=forms.RadioSelect
    )
    unit = UnitChoiceField()

    field_order = ["full_name", "phone", "email", "password1", "password2", "audience", "unit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = _("E-mail (không bắt buộc nếu có số điện thoại)")
        self.fields["email"].widget.attrs.pop("placeholder", None)
        self.fields["phone"].label = _("Số điện thoại (không bắt buộc nếu có e-mail)")
        for name in ("password1", "password2"):
            self.fields[name].widget.attrs.pop("placeholder", None)
        self.fields["password1"].label = _("Mật khẩu")
        self.fields["password2"].label = _("Nhập lại mật khẩu")

    def clean(self):
        cleaned_data = super().clean()
        missing_both = not cleaned_data.get("email") and not cleaned_data.get("phone")
        if missing_both and "phone" not in self.errors and "email" not in self.errors:
            self.add_error("phone", _("Nhập số điện thoại hoặc e-mail (ít nhất một trong hai)."))
        return cleaned_data

    def _clean_phone(self) -> None:
        # A sign-up form that silently "succeeds" for a taken number would leave an older
        # learner waiting for an SMS that never comes: say so on the field.
        from allauth.account.adapter import get_adapter

        adapter = get_adapter()
        phone = self.cleaned_data.get("phone")
        if phone and adapter.get_user_by_phone(phone):
            self.add_error("phone", adapter.error_messages["phone_taken"])

    def custom_signup(self, request, user) -> None:
        from .services import learner_profile_create

        learner_profile_create(
            user=user, audience=self.cleaned_data["audience"], unit=self.cleaned_data["unit"]
        )


class AssistedRegistrationForm(forms.Form):
    """A team leader registers a member of their team who has no e-mail."""

    full_name = forms.CharField(label=_("Họ và tên thành viên"), max_length=150, min_length=2)
    phone = PhoneField(
        label=_("Số điện thoại (nếu có)"),
        required=False,
        help_text=_("Bỏ trống nếu thành viên không có điện thoại: hệ thống tạo tên đăng nhập."),
    )
    birth_year = forms.IntegerField(label=_("Năm sinh (nếu muốn)"), required=False)
    audience = forms.ChoiceField(
        label=_("Đối tượng"), choices=Audience.choices, initial=Audience.TEAM_MEMBER
    )
    unit = UnitChoiceField(label=_("Tổ / đơn vị"))

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year is not None and not 1900 <= year <= timezone.localdate().year - 10:
            raise ValidationError(_("Năm sinh không hợp lệ."))
        return year

    def clean_phone(self):
        from .models import User

        phone = self.cleaned_data.get("phone")
        if phone and User.objects.filter(phone=phone).exists():
            raise ValidationError(_("Số điện thoại này đã có tài khoản."))
        return phone
