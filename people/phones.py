"""Vietnamese phone numbers as people type them, stored as E.164 (+84912345678)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Mobile numbers: 10 digits starting 03, 05, 07, 08 or 09; landlines: 02xx + 7–8 digits.
VN_NATIONAL = re.compile(r"^0(?:[35789]\d{8}|2\d{9})$")
E164 = re.compile(r"^\+[1-9]\d{7,14}$")

INVALID_PHONE = _(
    "Số điện thoại không hợp lệ. Nhập 10 chữ số, ví dụ 0912 345 678, hoặc dạng quốc tế +84912345678."
)


def normalize_phone(raw: str) -> str:
    """Returns the E.164 form of a phone number, or raises ValidationError (Vietnamese)."""
    value = re.sub(r"[\s.\-()]", "", raw or "")
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.startswith("84") and len(value) in (11, 12):
        value = "+" + value
    if value.startswith("+84"):
        value = "0" + value[3:]
    if VN_NATIONAL.match(value):
        return "+84" + value[1:]
    if value.startswith("+") and not value.startswith("+84") and E164.match(value):
        return value
    raise ValidationError(INVALID_PHONE, code="invalid_phone")
