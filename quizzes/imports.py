"""Reading questions from GIFT, Moodle XML and .xlsx into drafts, with per-item errors.

Each parser returns `(drafts, errors)`: a draft is a plain dict that `services.questions_import`
turns into a question; an error is `(item number, Vietnamese message)`. The import is
all-or-nothing: one error and nothing is written.
"""

import io
import re
from decimal import Decimal, InvalidOperation

from defusedxml import ElementTree
from django.utils.html import escape, strip_tags
from django.utils.translation import gettext as _

MAX_ITEMS = 2000
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


class ItemError(ValueError):
    """What is wrong with one item; the parser adds its number."""


def _draft(kind: str, text: str, **extra) -> dict:
    if not strip_tags(text).strip():
        raise ItemError(_("thiếu nội dung câu hỏi"))
    draft = {
        "type": kind,
        "text": text,
        "points": Decimal(1),
        "feedback": "",
        "choices": [],
        "numeric_answer": None,
        "numeric_tolerance": Decimal(0),
    }
    draft.update(extra)
    return draft


def _decimal(value, what: str) -> Decimal:
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ItemError(
            _("%(what)s không phải là số: “%(value)s”") % {"what": what, "value": value}
        ) from None
    if not number.is_finite():
        raise ItemError(
            _("%(what)s không phải là số: “%(value)s”") % {"what": what, "value": value}
        )
    return number


def check_draft(draft: dict) -> None:
    """The rules every imported question must meet, whatever the format."""
    kind, choices = draft["type"], draft["choices"]
    correct = [c for c in choices if c.get("is_correct")]
    if draft["points"] <= 0:
        raise ItemError(_("điểm phải lớn hơn 0"))
    if kind in ("single", "true_false") and len(correct) != 1:
        raise ItemError(_("cần đúng một phương án đúng"))
    if kind in ("single", "multiple") and len(choices) < 2:
        raise ItemError(_("cần ít nhất hai phương án"))
    if kind == "multiple" and not correct:
        raise ItemError(_("cần ít nhất một phương án đúng"))
    if kind == "short_text" and not choices:
        raise ItemError(_("cần ít nhất một câu trả lời được chấp nhận"))
    if kind == "numeric" and draft["numeric_answer"] is None:
        raise ItemError(_("thiếu đáp số"))
    if kind == "ordering" and len(choices) < 2:
        raise ItemError(_("cần ít nhất hai mục để sắp xếp"))
    if kind == "matching" and (len(choices) < 2 or any(not c.get("match") for c in choices)):
        raise ItemError(_("cần ít nhất hai cặp, mỗi cặp có hai vế"))
    for choice in choices:
        if len(choice["text"]) > 500 or len(choice.get("match", "")) > 500:
            raise ItemError(_("một phương án dài quá 500 ký tự"))


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


# --- GIFT ----------------------------------------------------------------------------------
_GIFT_ESCAPES = {
    "\\=": "\x01",
    "\\~": "\x02",
    "\\#": "\x03",
    "\\{": "\x04",
    "\\}": "\x05",
    "\\:": "\x06",
}
_GIFT_RESTORE = {"\x01": "=", "\x02": "~", "\x03": "#", "\x04": "{", "\x05": "}", "\x06": ":"}


def _gift_unescape(text: str) -> str:
    for code, char in _GIFT_RESTORE.items():
        text = text.replace(code, char)
    return text.strip()


def _gift_blocks(text: str) -> list[str]:
    lines = [
        line for line in text.replace("\r\n", "\n").split("\n") if not line.strip().startswith("//")
    ]
    blocks, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return [block for block in blocks if not block.strip().startswith("$CATEGORY")]


def _gift_item(block: str) -> dict:
    for raw, code in _GIFT_ESCAPES.items():
        block = block.replace(raw, code)
    block = re.sub(r"^\s*::.*?::", "", block, count=1, flags=re.DOTALL)
    block = re.sub(r"^\s*\[(html|moodle|plain|markdown)\]", "", block)
    if block.count("{") != 1 or block.count("}") != 1 or block.index("{") > block.index("}"):
        raise ItemError(_("cần đúng một cặp dấu { } chứa đáp án"))
    before, rest = block.split("{", 1)
    body, after = rest.split("}", 1)
    text = _gift_unescape(before + " … " + after if after.strip() else before)
    html = f"<p>{escape(text)}</p>"
    feedback = ""
    if "####" in body:
        body, feedback = body.split("####", 1)
        feedback = _gift_unescape(feedback)
    body = body.strip()
    if body.upper() in ("T", "TRUE", "F", "FALSE"):
        truth = body.upper().startswith("T")
        return _draft(
            "true_false",
            html,
            feedback=feedback,
            choices=[
                {"text": _("Đúng"), "is_correct": truth},
                {"text": _("Sai"), "is_correct": not truth},
            ],
        )
    if body.startswith("#"):
        value = body[1:].split("#", 1)[0].strip()
        answer, _sep, tolerance = value.partition(":")
        return _draft(
            "numeric",
            html,
            feedback=feedback,
            numeric_answer=_decimal(answer, _("đáp số")),
            numeric_tolerance=_decimal(tolerance or "0", _("sai số")),
        )
    parts = re.findall(r"([=~])([^=~]*)", body)
    if not parts:
        raise ItemError(_("không đọc được đáp án trong { }"))
    choices, weighted = [], False
    for sign, content in parts:
        content, _sep, choice_feedback = content.partition("#")
        weight = re.match(r"\s*%(-?\d+(?:\.\d+)?)%", content)
        if weight:
            weighted = True
            content = content[weight.end() :]
        choice = {"text": _gift_unescape(content), "feedback": _gift_unescape(choice_feedback)}
        if not choice["text"]:
            raise ItemError(_("có phương án trống"))
        if "->" in choice["text"] and sign == "=":
            left, right = choice["text"].split("->", 1)
            choice.update(text=left.strip(), match=right.strip(), is_correct=True)
        else:
            choice["is_correct"] = (float(weight.group(1)) > 0) if weight else sign == "="
        choices.append(choice)
    if any(c.get("match") for c in choices):
        return _draft("matching", html, feedback=feedback, choices=choices)
    if all(sign == "=" for sign, _content in parts):
        return _draft("short_text", html, feedback=feedback, choices=choices)
    kind = "multiple" if weighted or sum(c["is_correct"] for c in choices) > 1 else "single"
    return _draft(kind, html, feedback=feedback, choices=choices)


def parse_gift(text: str) -> tuple[list[dict], list[tuple[int, str]]]:
    blocks = _gift_blocks(text)
    return _collect((n, lambda b=b: _gift_item(b)) for n, b in enumerate(blocks, start=1))


# --- Moodle XML ----------------------------------------------------------------------------
MOODLE_TYPES = {
    "multichoice": "single",
    "truefalse": "true_false",
    "shortanswer": "short_text",
    "numerical": "numeric",
    "matching": "matching",
}


def _text_of(node, path: str) -> str:
    found = node.find(path)
    return (found.text or "").strip() if found is not None else ""


def _moodle_item(node) -> dict:
    moodle_type = node.get("type", "")
    kind = MOODLE_TYPES.get(moodle_type)
    if kind is None:
        raise ItemError(_("loại câu hỏi “%(type)s” chưa được hỗ trợ") % {"type": moodle_type})
    from courses.sanitize import clean_html

    text = clean_html(_text_of(node, "questiontext/text"))
    extra = {
        "feedback": re.sub(r"<[^>]+>", "", _text_of(node, "generalfeedback/text")),
        "points": _decimal(_text_of(node, "defaultgrade") or "1", _("điểm")),
    }
    if not text.startswith("<"):
        text = f"<p>{escape(text)}</p>" if text else ""
    choices = []
    if kind == "matching":
        for sub in node.findall("subquestion"):
            left = re.sub(r"<[^>]+>", "", _text_of(sub, "text"))
            right = _text_of(sub, "answer/text")
            if left:
                choices.append({"text": left, "match": right, "is_correct": True})
        return _draft(kind, text, choices=choices, **extra)
    answers = node.findall("answer")
    if kind == "numeric":
        best = max(answers, key=lambda a: float(a.get("fraction", "0")), default=None)
        if best is None:
            raise ItemError(_("thiếu đáp số"))
        return _draft(
            kind,
            text,
            numeric_answer=_decimal(_text_of(best, "text"), _("đáp số")),
            numeric_tolerance=_decimal(_text_of(best, "tolerance") or "0", _("sai số")),
            **extra,
        )
    for answer in answers:
        fraction = float(answer.get("fraction", "0") or 0)
        label = re.sub(r"<[^>]+>", "", _text_of(answer, "text"))
        if kind == "true_false":
            label = (
                _("Đúng")
                if label.lower() == "true"
                else _("Sai")
                if label.lower() == "false"
                else label
            )
        if kind == "short_text" and fraction <= 0:
            continue
        choices.append(
            {
                "text": label,
                "is_correct": fraction > 0,
                "feedback": re.sub(r"<[^>]+>", "", _text_of(answer, "feedback/text")),
            }
        )
    if kind == "single" and _text_of(node, "single").lower() == "false":
        kind = "multiple"
    return _draft(kind, text, choices=choices, **extra)


def parse_moodle_xml(data: bytes) -> tuple[list[dict], list[tuple[int, str]]]:
    try:
        root = ElementTree.fromstring(data)
    except Exception:  # defusedxml raises several kinds for bad or hostile XML
        return [], [(0, _("tệp không phải là XML hợp lệ của Moodle"))]
    nodes = [n for n in root.findall("question") if n.get("type") != "category"]
    return _collect((n, lambda q=q: _moodle_item(q)) for n, q in enumerate(nodes, start=1))


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
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [(0, _("tệp không phải là bảng tính .xlsx hợp lệ"))]
    if not rows:
        return [], [(0, _("bảng tính trống"))]
    header = [str(cell or "").strip() for cell in rows[0]]
    missing = [column for column in ("loai", "noi_dung", "dap_an") if column not in header]
    if missing:
        return [], [(1, _("thiếu cột: %(columns)s") % {"columns": ", ".join(missing)})]
    items = []
    for number, values in enumerate(rows[1:], start=2):
        if not any(value not in (None, "") for value in values):
            continue
        row = dict(zip(header, values, strict=False))
        items.append((number, lambda r=row: _xlsx_item(r)))
    return _collect(items)
