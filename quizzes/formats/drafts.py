"""What every reader produces and every writer consumes: a question as a plain dict (a draft).

A draft holds exactly what the bank holds (see `question_as_draft`), so that a round trip is
a comparison of two dicts. Readers normalise what the formats carry into it here, once:
numbers to the bank's precision, Moodle's percentages to fractions from −1 to 1 (empty when
the type's own rule gives the same), every text format to the bank's HTML or plain text.
"""

import html
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.utils.html import linebreaks, strip_tags
from django.utils.translation import gettext as _

from courses.sanitize import clean_html

MAX_ITEMS = 2000
MAX_POINTS = Decimal("999.99")
MAX_NUMBER = Decimal("9999999999")  # the bank keeps 14 digits, 4 after the point
DEFAULT_PENALTY = Decimal("0.3333333")
TRUE_LABEL, FALSE_LABEL = "Đúng", "Sai"
DRAFT_TYPES = {"essay", "description", "cloze"}
DRAFT_REASONS = {
    "essay": "Câu tự luận cần người chấm; trang làm bài chưa có loại này.",
    "description": "Đoạn mô tả không phải câu hỏi; trang làm bài chưa hiện được loại này.",
    "cloze": "Câu điền khuyết nhiều chỗ (cloze); trang làm bài chưa có loại này.",
}
# Moodle accepts only these answer grades (question_bank::fraction_options_full), in percent.
_GRADES = "100 90 83.33333 80 75 70 66.66667 60 50 40 33.33333 30 25 20 16.66667 14.28571 12.5"
MOODLE_GRADES = [Decimal(v) for v in (_GRADES + " 11.11111 10 5 0").split(" ")]
_GRADE_TOLERANCE = Decimal("0.0001")


class ItemError(ValueError):
    """What is wrong with one item, in Vietnamese; the item is skipped and this says why."""


@dataclass
class Item:
    """One question of a file: its number (1-based), name, and a draft or the reason it is
    skipped."""

    number: int
    name: str
    kind: str
    draft: dict | None = None
    problem: str = ""
    warnings: list[str] = field(default_factory=list)


@dataclass
class Reading:
    """What a reader found in a file: the items, warnings about the whole file, or a fatal
    problem (nothing in the file can be read)."""

    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    fatal: str = ""

    @property
    def drafts(self) -> list[dict]:
        return [item.draft for item in self.items if item.draft is not None]

    @property
    def skipped(self) -> list[Item]:
        return [item for item in self.items if item.draft is None]

    @property
    def errors(self) -> list[tuple[int, str]]:
        if self.fatal:
            return [(0, self.fatal)]
        return [(item.number, item.problem) for item in self.skipped]

    def counts(self) -> dict[str, int]:
        """How many importable questions of each type (drafts counted under their type)."""
        found: dict[str, int] = {}
        for draft in self.drafts:
            found[draft["type"]] = found.get(draft["type"], 0) + 1
        return found


def new_draft(kind: str, text: str, **extra) -> dict:
    """A draft with the bank's defaults; `text` is HTML already cleaned."""
    if not strip_tags(text).strip():
        raise ItemError(_("thiếu nội dung câu hỏi"))
    draft = {
        "type": kind,
        "status": "draft" if kind in DRAFT_TYPES else "ready",
        "draft_reason": DRAFT_REASONS.get(kind, ""),
        "source": "",
        "name": "",
        "text": text,
        "points": Decimal(1),
        "penalty": DEFAULT_PENALTY,
        "feedback": "",
        "idnumber": "",
        "tags": [],
        "choices": [],
        "numeric_answer": None,
        "numeric_tolerance": Decimal(0),
        "category": [],
        "image": None,
    }
    draft.update(extra)
    return draft


def new_choice(text: str, *, is_correct: bool = False, **extra) -> dict:
    choice = {
        "text": text,
        "is_correct": is_correct,
        "match": "",
        "feedback": "",
        "fraction": None,
        "tolerance": None,
    }
    choice.update(extra)
    return choice


def number(value, what: str) -> Decimal:
    """A finite decimal from a file's text (a comma is a decimal point)."""
    text = str(value if value is not None else "").strip().replace(",", ".")
    try:
        result = Decimal(text)
    except InvalidOperation:
        raise ItemError(
            _("%(what)s không phải là số: “%(value)s”") % {"what": what, "value": text[:40]}
        ) from None
    if not result.is_finite():
        raise ItemError(
            _("%(what)s không phải là số: “%(value)s”") % {"what": what, "value": text[:40]}
        )
    return result


def bank_number(value, what: str) -> Decimal:
    """A number the bank can keep: at most 10 digits before the point, 4 after."""
    result = number(value, what)
    if abs(result) > MAX_NUMBER:
        raise ItemError(_("%(what)s quá lớn: “%(value)s”") % {"what": what, "value": result})
    return result.quantize(Decimal("0.0001"), rounding=ROUND_HALF_EVEN).normalize() + 0


def points(value) -> Decimal:
    """Moodle's `defaultgrade` (e.g. 1.0000000) as the bank's points, 0.01 to 999.99."""
    result = number(value, _("điểm"))
    if result <= 0:
        raise ItemError(_("điểm phải lớn hơn 0"))
    if result > MAX_POINTS:
        raise ItemError(_("điểm quá lớn (tối đa 999,99): “%(value)s”") % {"value": result})
    return result.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def penalty(value) -> Decimal:
    result = number(value, _("điểm trừ"))
    if not 0 <= result <= 1:
        raise ItemError(_("điểm trừ phải từ 0 đến 1"))
    return result.quantize(Decimal("0.0000001"))


def fraction_from_percent(value, *, strict: bool = True) -> Decimal:
    """Moodle's answer grade in percent as a fraction; `strict` allows only Moodle's grades."""
    percent = number(value, _("phần điểm"))
    if not Decimal(-100) <= percent <= Decimal(100):
        raise ItemError(_("phần điểm phải từ −100%% đến 100%%: “%(value)s”") % {"value": percent})
    if strict and not any(abs(abs(percent) - grade) < _GRADE_TOLERANCE for grade in MOODLE_GRADES):
        raise ItemError(
            _("phần điểm %(value)s%% không thuộc các mức Moodle cho phép") % {"value": percent}
        )
    return (percent / 100).quantize(Decimal("0.0000001"))


def percent_of(fraction: Decimal) -> str:
    """A fraction as Moodle writes it in percent: 1 → 100, 0.3333333 → 33.33333."""
    text = format((Decimal(fraction) * 100).quantize(Decimal("0.00001")).normalize(), "f")
    return "0" if text in ("-0", "0") else text


# --- text formats ----------------------------------------------------------------------------
_TAG = re.compile(r"<[a-zA-Z/!][^>]*>")


def to_html(text: str, fmt: str) -> str:
    """Question text in one of Moodle's formats as the bank's HTML (cleaned).

    html: kept (cleaned); moodle_auto_format: HTML if it has tags, else lines as paragraphs;
    plain_text: escaped, lines as paragraphs; markdown: rendered, then cleaned.
    """
    text = (text or "").strip()
    fmt = (fmt or "moodle_auto_format").lower()
    if fmt in ("markdown", "4"):
        from markdown_it import MarkdownIt

        return clean_html(MarkdownIt("commonmark", {"html": False}).render(text)).strip()
    if fmt in ("html", "1") or (fmt in ("moodle_auto_format", "moodle", "0") and _TAG.search(text)):
        return clean_html(text).strip()
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return clean_html(linebreaks(escaped)).strip()


def to_plain(text: str, fmt: str = "html") -> str:
    """A choice, feedback or name as the bank's plain text (HTML read as the browser would)."""
    text = text or ""
    fmt = (fmt or "html").lower()
    if fmt in ("plain_text", "plain", "2"):
        return text.strip()
    if fmt in ("markdown", "4"):
        text = to_html(text, "markdown")
    if fmt in ("html", "1", "markdown", "4") or _TAG.search(text):
        text = re.sub(r"(?i)<br\s*/?>|</p>\s*<p[^>]*>", "\n", text)
        text = html.unescape(strip_tags(text))
    return "\n".join(line.strip() for line in text.strip().splitlines()).strip()


def html_text(text: str) -> str:
    """Plain text written as HTML: &, < and > escaped once, newlines as <br>."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\n", "<br>")


# --- encodings ---------------------------------------------------------------------------
def decode_text(data: bytes) -> tuple[str, str]:
    """The file's text and a warning: UTF-8 (with or without BOM) or UTF-16 with a BOM are
    read as they are; anything else is read as Windows-1252, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), ""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), ""
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    return data.decode("cp1252", errors="replace"), _(
        "Tệp không được lưu bằng UTF-8: đã đọc theo bảng mã Windows-1252. "
        "Hãy kiểm tra các chữ có dấu trong phần xem trước."
    )


# --- rules -------------------------------------------------------------------------------
def default_weight(kind: str, choice: dict, correct_count: int) -> Decimal | None:
    """The fraction the type's own rule gives a choice (see `grading`)."""
    if kind in ("single", "true_false"):
        return Decimal(1) if choice["is_correct"] else Decimal(0)
    if kind == "multiple" and correct_count:
        share = Decimal(1) / correct_count
        return share if choice["is_correct"] else -share
    if kind in ("short_text", "numeric"):
        return Decimal(1)
    return None


def settle_fractions(draft: dict) -> dict:
    """Mark what is correct from the fractions, then drop every fraction that the type's own
    rule gives anyway, so one question has one way of being written."""
    kind, choices = draft["type"], draft["choices"]
    for choice in choices:
        value = choice.get("fraction")
        if value is None:
            continue
        if kind in ("single", "true_false"):
            choice["is_correct"] = value == 1
        elif kind in ("multiple", "short_text", "numeric"):
            choice["is_correct"] = value > 0
    correct = sum(1 for c in choices if c["is_correct"])
    for choice in choices:
        value = choice.get("fraction")
        wanted = default_weight(kind, choice, correct)
        if value is not None and wanted is not None and abs(value - wanted) < _GRADE_TOLERANCE:
            choice["fraction"] = None
        elif value is not None:
            choice["fraction"] = Decimal(value).quantize(Decimal("0.0000001"))
    return draft


def check_draft(draft: dict) -> None:
    """The rules every imported question must meet, whatever the format."""
    if draft.get("status") == "draft":
        return
    kind, choices = draft["type"], draft["choices"]
    correct = [c for c in choices if c.get("is_correct")]
    if draft["points"] <= 0:
        raise ItemError(_("điểm phải lớn hơn 0"))
    if kind in ("single", "true_false") and len(correct) != 1:
        raise ItemError(_("cần đúng một phương án đúng 100%"))
    if kind in ("single", "multiple") and len(choices) < 2:
        raise ItemError(_("cần ít nhất hai phương án"))
    if kind == "multiple" and not correct:
        raise ItemError(_("cần ít nhất một phương án đúng"))
    if kind == "short_text" and not correct:
        raise ItemError(_("cần ít nhất một câu trả lời được chấp nhận"))
    if kind == "numeric" and draft["numeric_answer"] is None:
        raise ItemError(_("cần một đáp số đúng 100%"))
    if kind == "ordering" and len(choices) < 2:
        raise ItemError(_("cần ít nhất hai mục để sắp xếp"))
    if kind == "matching" and (len(choices) < 2 or any(not c.get("match") for c in choices)):
        raise ItemError(_("cần ít nhất hai cặp, mỗi cặp có hai vế"))
    for choice in choices:
        if not choice["text"].strip() and kind != "matching":
            raise ItemError(_("có phương án trống"))
        if len(choice["text"]) > 500 or len(choice.get("match", "")) > 500:
            raise ItemError(_("một phương án dài quá 500 ký tự"))
        if len(choice.get("feedback", "")) > 500:
            raise ItemError(_("giải thích của một phương án dài quá 500 ký tự"))
    if len(draft.get("idnumber", "")) > 100:
        raise ItemError(_("mã câu hỏi dài quá 100 ký tự"))


def question_as_draft(question, *, category_path: list[str] | None = None) -> dict:
    """A saved question (choices prefetched) as a draft: what a writer writes and what a
    round trip must give back."""
    image = None
    if question.image_id:
        with question.image.file.open("rb") as handle:
            image = {
                "name": question.image.file.name.rsplit("/", 1)[-1],
                "content": handle.read(),
                "alt": question.image_alt,
            }
    return {
        "type": question.type,
        "status": question.status,
        "draft_reason": question.draft_reason,
        "source": question.source,
        "name": question.name or default_name(question.text),
        "text": question.text.strip(),
        "points": question.points,
        "penalty": question.penalty,
        "feedback": question.feedback,
        "idnumber": question.idnumber,
        "tags": list(question.tags or []),
        "choices": [
            new_choice(
                c.text,
                # a pair or an item to order is never right or wrong on its own
                is_correct=c.is_correct or question.type in ("matching", "ordering"),
                match=c.match,
                feedback=c.feedback,
                fraction=c.fraction,
                tolerance=c.tolerance,
            )
            for c in question.choices.all()
        ],
        "numeric_answer": question.numeric_answer,
        "numeric_tolerance": question.numeric_tolerance,
        "category": list(category_path or []),
        "image": image,
    }


def default_name(text_html: str) -> str:
    """A name for a question that has none: the start of its text."""
    plain = " ".join(to_plain(text_html).split())
    return plain if len(plain) <= 80 else f"{plain[:79]}…"


def numeric_draft_fields(answers: list[tuple[str, str, Decimal, str]]) -> dict:
    """Numeric answers as (value or "*", tolerance, fraction, feedback) → the draft's
    `numeric_answer`, `numeric_tolerance` and `choices`. The first full-credit answer is the
    question's own; a single full-credit answer without feedback needs no choices."""
    parsed = []
    for value, tolerance, fraction, feedback in answers:
        value = (value or "").strip()
        if value in ("", "*"):
            shown, tol = "*", None
        else:
            shown = format(bank_number(value, _("đáp số")), "f")
            tol = abs(bank_number(tolerance or "0", _("sai số")))
        parsed.append((shown, tol, fraction, feedback))
    main = next((row for row in parsed if row[2] == 1 and row[0] != "*"), None)
    if main is None:
        raise ItemError(_("cần một đáp số đúng 100%"))
    fields = {
        "numeric_answer": Decimal(main[0]),
        "numeric_tolerance": main[1] or Decimal(0),
        "choices": [],
    }
    if len(parsed) > 1 or main[3]:
        fields["choices"] = [
            new_choice(
                shown,
                is_correct=fraction > 0,
                feedback=feedback,
                fraction=fraction,
                tolerance=tol,
            )
            for shown, tol, fraction, feedback in parsed
        ]
    return fields
