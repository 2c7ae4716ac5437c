"""Writing a category's questions as GIFT, Moodle XML or an .xlsx workbook (the import
template). GIFT and Moodle XML are written by `quizzes.formats` from `question_as_draft`, a
category with its sub-categories, each question under its path."""

from django.utils.html import strip_tags

from lms.exports import xlsx_bytes

from .formats import question_as_draft, write_gift, write_moodle_xml
from .imports import XLSX_COLUMNS


def _plain(html: str) -> str:
    return " ".join(strip_tags(html).split())


def category_drafts(category) -> list[dict]:
    """The questions of `category` and of every category below it, as drafts whose category
    path starts with this category's name."""
    from .models import Question

    categories = category.with_descendants()
    base = len(category.path()) - 1
    paths = {c.pk: c.path()[base:] for c in categories}
    questions = (
        Question.objects.filter(category__in=categories)
        .select_related("image")
        .prefetch_related("choices")
        .order_by("category__name", "pk")
    )
    by_category = sorted(questions, key=lambda q: (paths[q.category_id], q.pk))
    return [question_as_draft(q, category_path=paths[q.category_id]) for q in by_category]


def questions_to_gift(questions) -> str:
    return write_gift([question_as_draft(q) for q in questions])


def category_to_gift(category) -> str:
    return write_gift(category_drafts(category))


def category_to_moodle_xml(category) -> bytes:
    return write_moodle_xml(category_drafts(category))


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
    rows = [XLSX_COLUMNS]
    for question in questions:
        rows.append(_row(question))
    if not questions:
        rows.append(
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
        rows.append(
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
        rows.append(
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
        rows.append(
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
        rows.append(
            ["numeric", "Mã OTP thường có mấy chữ số?", 1, "", "", "", "", "", "", "6", "0", ""]
        )
        rows.append(
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
        rows.append(
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
    return xlsx_bytes({"cau-hoi": rows})
