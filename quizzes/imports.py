"""Reading questions from GIFT, Moodle XML and .xlsx into drafts, with per-item errors.

GIFT and Moodle XML are read by `quizzes.formats` (as Moodle reads them); this module keeps
the .xlsx template's reader and the `(drafts, errors)` view of every reader: a draft is a plain
dict that `bank_services.questions_import` turns into a question; an error is `(item number,
Vietnamese message)`, and an item with an error is skipped, never the whole file.
"""

import re

from django.utils.html import escape
from django.utils.translation import gettext as _

from lms.spreadsheets import SpreadsheetRefused, xlsx_rows

from .formats import read_gift, read_moodle_xml
from .formats.drafts import MAX_ITEMS, ItemError, check_draft
from .formats.drafts import new_draft as _draft
from .formats.drafts import number as _decimal

XLSX_MAX_COLUMNS = 40  # the columns below, in any order, with room for notes
XLSX_COLUMNS = [
    "loai",
    "noi_dung",
    "diem",
    "phuong_an_1",
    "phuong_an_2",
    "phuong_an_3",
    "phuong_an_4",
    "phuong_an_5",
    "phuong_an_6",
    "dap_an",
    "sai_so",
    "giai_thich",
]
XLSX_TYPES = {"single", "multiple", "true_false", "short_text", "numeric", "ordering", "matching"}


def _collect(items) -> tuple[list[dict], list[tuple[int, str]]]:
    drafts, errors = [], []
    for number, build in items:
        if number > MAX_ITEMS:
            errors.append((number, _("tệp có quá %(max)s câu hỏi") % {"max": MAX_ITEMS}))
            break
        try:
            draft = build()
            check_draft(draft)
            drafts.append(draft)
        except ItemError as error:
            errors.append((number, str(error)))
    return drafts, errors


def parse_gift(text: str) -> tuple[list[dict], list[tuple[int, str]]]:
    reading = read_gift(text)
    return reading.drafts, reading.errors


def parse_moodle_xml(data: bytes) -> tuple[list[dict], list[tuple[int, str]]]:
    reading = read_moodle_xml(data)
    return reading.drafts, reading.errors


# --- .xlsx ---------------------------------------------------------------------------------
def _xlsx_item(row: dict) -> dict:
    kind = (row.get("loai") or "").strip()
    if kind not in XLSX_TYPES:
        raise ItemError(
            _("cột “loai” phải là một trong: %(types)s") % {"types": ", ".join(sorted(XLSX_TYPES))}
        )
    text = (row.get("noi_dung") or "").strip()
    options = [
        str(row[f"phuong_an_{i}"]).strip()
        for i in range(1, 7)
        if row.get(f"phuong_an_{i}") not in (None, "")
    ]
    key = str(row.get("dap_an") or "").strip()
    extra = {
        "points": _decimal(row.get("diem") or 1, _("điểm")),
        "feedback": str(row.get("giai_thich") or "").strip(),
    }
    html = f"<p>{escape(text)}</p>" if text else ""
    if kind == "numeric":
        return _draft(
            kind,
            html,
            numeric_answer=_decimal(key, _("đáp số")),
            numeric_tolerance=_decimal(row.get("sai_so") or 0, _("sai số")),
            **extra,
        )
    if kind == "short_text":
        accepted = [part.strip() for part in key.split("|") if part.strip()]
        return _draft(
            kind, html, choices=[{"text": a, "is_correct": True} for a in accepted], **extra
        )
    if kind == "ordering":
        return _draft(
            kind, html, choices=[{"text": o, "is_correct": True} for o in options], **extra
        )
    if kind == "matching":
        pairs = []
        for option in options:
            if "=>" not in option:
                raise ItemError(_("ghép cặp: viết mỗi phương án dạng “vế trái => vế phải”"))
            left, right = option.split("=>", 1)
            pairs.append({"text": left.strip(), "match": right.strip(), "is_correct": True})
        return _draft(kind, html, choices=pairs, **extra)
    if kind == "true_false":
        truth = key.lower() in ("đúng", "dung", "true", "t", "1")
        if key.lower() not in ("đúng", "dung", "true", "t", "1", "sai", "false", "f", "0"):
            raise ItemError(_("Đúng/Sai: cột “dap_an” phải là Đúng hoặc Sai"))
        return _draft(
            kind,
            html,
            choices=[
                {"text": _("Đúng"), "is_correct": truth},
                {"text": _("Sai"), "is_correct": not truth},
            ],
            **extra,
        )
    try:
        correct = {int(part) for part in re.split(r"[,;\s]+", key) if part}
    except ValueError:
        raise ItemError(
            _("cột “dap_an” phải là số thứ tự phương án đúng, ví dụ 2 hoặc 1,3")
        ) from None
    if not correct or not correct <= set(range(1, len(options) + 1)):
        raise ItemError(_("cột “dap_an” chỉ tới phương án không có"))
    return _draft(
        kind,
        html,
        choices=[{"text": o, "is_correct": i in correct} for i, o in enumerate(options, start=1)],
        **extra,
    )


def parse_xlsx(data: bytes) -> tuple[list[dict], list[tuple[int, str]]]:
    try:  # the header and at most MAX_ITEMS questions, read within our own bounds
        rows = xlsx_rows(data, max_rows=MAX_ITEMS + 1, max_columns=XLSX_MAX_COLUMNS)
    except SpreadsheetRefused as error:
        if error.code == "too_many_rows":
            return [], [(0, _("tệp có quá %(max)s câu hỏi") % {"max": MAX_ITEMS})]
        if error.code == "not_xlsx":
            return [], [(0, _("tệp không phải là bảng tính .xlsx hợp lệ"))]
        return [], [(0, str(error))]
    if not rows:
        return [], [(0, _("bảng tính trống"))]
    header = [str(cell or "").strip() for cell in rows[0][1]]
    missing = [column for column in ("loai", "noi_dung", "dap_an") if column not in header]
    if missing:
        return [], [(1, _("thiếu cột: %(columns)s") % {"columns": ", ".join(missing)})]
    items = []
    for number, values in rows[1:]:
        row = dict(zip(header, values, strict=False))
        items.append((number, lambda r=row: _xlsx_item(r)))
    return _collect(items)
