"""Writing a category's questions as GIFT text or an .xlsx workbook (the import template)."""

import io

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .imports import XLSX_COLUMNS


def _gift_escape(text: str) -> str:
    for char in "\\~=#{}:":
        text = text.replace(char, f"\\{char}")
    return " ".join(text.split())


def _plain(html: str) -> str:
    return " ".join(strip_tags(html).split())


def question_to_gift(question) -> str | None:
    """One question in GIFT, or None for types GIFT cannot express (ordering, hotspot)."""
    choices = list(question.choices.all())
    kind = question.type
    text = _gift_escape(_plain(question.text))
    if kind == "true_false":
        truth = next((c.text for c in choices if c.is_correct), _("Đúng")) == _("Đúng")
        body = "TRUE" if truth else "FALSE"
    elif kind == "numeric":
        body = f"#{question.numeric_answer.normalize()}:{question.numeric_tolerance.normalize()}"
    elif kind == "short_text":
        body = " ".join(f"={_gift_escape(c.text)}" for c in choices)
    elif kind == "matching":
        body = " ".join(f"={_gift_escape(c.text)} -> {_gift_escape(c.match)}" for c in choices)
    elif kind == "single":
        body = " ".join(f"{'=' if c.is_correct else '~'}{_gift_escape(c.text)}" for c in choices)
    elif kind == "multiple":
        right = sum(1 for c in choices if c.is_correct) or 1
        wrong = (len(choices) - right) or 1
        body = " ".join(
            f"~%{round(100 / right, 5) if c.is_correct else -round(100 / wrong, 5)}%"
            f"{_gift_escape(c.text)}"
            for c in choices
        )
    else:
        return None
    if question.feedback:
        body += f" ####{_gift_escape(question.feedback)}"
    return f"::Q{question.pk}:: {text} {{{body}}}"


def category_to_gift(questions) -> str:
    parts, skipped = [], 0
    for question in questions:
        gift = question_to_gift(question)
        if gift is None:
            skipped += 1
            continue
        parts.append(gift)
    if skipped:
        parts.insert(0, f"// {skipped} câu sắp xếp/chạm ảnh không có dạng GIFT, xem tệp .xlsx")
    return "\n\n".join(parts) + "\n"


def _row(question) -> list:
    choices = list(question.choices.all())
    kind = question.type
    options = [c.text for c in choices]
    key = ""
    if kind in ("single", "multiple"):
        key = ",".join(str(i) for i, c in enumerate(choices, start=1) if c.is_correct)
    elif kind == "true_false":
        key = next((c.text for c in choices if c.is_correct), "")
        options = []
    elif kind == "short_text":
        key = "|".join(options)
        options = []
    elif kind == "numeric":
        key = str(question.numeric_answer.normalize())
    elif kind == "matching":
        options = [f"{c.text} => {c.match}" for c in choices]
    elif kind == "hotspot":
        options = [
            f"{r.label}: {r.left}, {r.top}, {r.width}, {r.height}" for r in question.regions.all()
        ]
    options = (options + [""] * 6)[:6]
    tolerance = question.numeric_tolerance.normalize() if kind == "numeric" else ""
    return [
        kind,
        _plain(question.text),
        float(question.points),
        *options,
        key,
        float(tolerance) if tolerance != "" else "",
        question.feedback,
    ]


def questions_to_xlsx(questions) -> bytes:
    """The questions as the import template's columns (an empty list gives the template)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "cau-hoi"
    sheet.append(XLSX_COLUMNS)
    for question in questions:
        sheet.append(_row(question))
    if not questions:
        sheet.append(
            [
                "single",
                "Mã OTP có được đưa cho người khác không?",
                1,
                "Có",
                "Không",
                "",
                "",
                "",
                "",
                "2",
                "",
                "Không bao giờ đưa mã OTP cho ai.",
            ]
        )
        sheet.append(
            [
                "multiple",
                "Dấu hiệu của tin nhắn lừa đảo?",
                1,
                "Hối thúc",
                "Đường link lạ",
                "Từ tổng đài chính thức",
                "",
                "",
                "",
                "1,2",
                "",
                "",
            ]
        )
        sheet.append(
            [
                "true_false",
                "VNeID là ứng dụng định danh điện tử.",
                1,
                "",
                "",
                "",
                "",
                "",
                "",
                "Đúng",
                "",
                "",
            ]
        )
        sheet.append(
            [
                "short_text",
                "Viết tắt của mã dùng một lần?",
                1,
                "",
                "",
                "",
                "",
                "",
                "",
                "OTP|mã OTP",
                "",
                "",
            ]
        )
        sheet.append(
            ["numeric", "Mã OTP thường có mấy chữ số?", 1, "", "", "", "", "", "", "6", "0", ""]
        )
        sheet.append(
            [
                "ordering",
                "Xếp các bước ký số theo thứ tự",
                1,
                "Mở tệp",
                "Chọn ký số",
                "Nhập mã PIN",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
        sheet.append(
            [
                "matching",
                "Ghép tên với công dụng",
                1,
                "VNeID => Định danh",
                "OTP => Mã dùng một lần",
                "",
                "",
                "",
                "",
                "",
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
