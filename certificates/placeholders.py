"""The placeholders a certificate template's body may use, and their substitution."""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLACEHOLDERS = {
    "ho_ten": gettext_lazy("họ và tên người học"),
    "khoa_hoc": gettext_lazy("tên khóa học"),
    "ngay": gettext_lazy("ngày cấp"),
    "diem": gettext_lazy("điểm bài kiểm tra"),
    "nang_luc": gettext_lazy("các năng lực đạt được"),
    "ma": gettext_lazy("mã chứng chỉ"),
}
_TOKEN = re.compile(r"\{([^{}]*)\}")


def placeholders_check(body: str) -> None:
    """Raise a ValidationError that names the first broken placeholder of `body`."""
    for match in _TOKEN.finditer(body):
        name = match.group(1).strip()
        if name not in PLACEHOLDERS:
            raise ValidationError(
                _("Chỗ điền “{%(name)s}” không có. Dùng được: %(known)s.")
                % {"name": name, "known": ", ".join(f"{{{key}}}" for key in PLACEHOLDERS)},
                code="unknown_placeholder",
            )
    rest = _TOKEN.sub("", body)
    if "{" in rest or "}" in rest:
        position = min(i for i in (rest.find("{"), rest.find("}")) if i >= 0)
        raise ValidationError(
            _("Dấu ngoặc nhọn chưa đóng hoặc thừa gần “%(near)s”.")
            % {"near": rest[max(0, position - 10) : position + 10]},
            code="unbalanced_brace",
        )


def placeholders_fill(body: str, values: dict[str, str]) -> str:
    """The body with each {name} replaced (plain text; the template escapes it)."""
    filled = _TOKEN.sub(lambda m: values.get(m.group(1).strip(), m.group(0)), body)
    return unicodedata.normalize("NFC", filled)
