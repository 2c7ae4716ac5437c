"""Parsing what a learner sent for one question into the stored answer, or a clear reason.

`parse_answer` only accepts what the question, as frozen on the attempt, can take: choice ids
of that question, a permutation for ordering, numbers for numeric and hotspot questions.
Anything else raises `AnswerError` with a Vietnamese message (the view answers 400).
"""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_TEXT = 500


class AnswerError(ValueError):
    """A malformed answer; `str(error)` is the reason to show."""


def _as_int(value) -> int:
    if isinstance(value, bool):
        raise AnswerError(_("Phương án không hợp lệ."))
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise AnswerError(_("Phương án không hợp lệ.")) from None


def _number(value) -> Decimal:
    if isinstance(value, bool) or value is None:
        raise AnswerError(_("Hãy nhập một số, ví dụ 12 hoặc 3,5."))
    text = str(value).strip().replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise AnswerError(_("Hãy nhập một số, ví dụ 12 hoặc 3,5.")) from None
    if not number.is_finite() or abs(number) >= Decimal("1e10"):
        raise AnswerError(_("Số này quá lớn."))
    return number


def _is_blank(raw) -> bool:
    return raw is None or raw == "" or raw == [] or raw == {}


def parse_answer(entry: dict, raw):
    """The normalised answer to store for the question described by `entry`, or None to clear.

    `entry` is the question's part of `Attempt.layout`: {"id", "type", "choices", "matches"}.
    """
    kind = entry["type"]
    choices = set(entry.get("choices", []))
    if _is_blank(raw):
        return None
    if kind in ("single", "true_false"):
        value = _as_int(raw[0] if isinstance(raw, list) and len(raw) == 1 else raw)
        if value not in choices:
            raise AnswerError(_("Phương án này không thuộc câu hỏi."))
        return value
    if kind == "multiple":
        values = raw if isinstance(raw, list) else [raw]
        picked = sorted({_as_int(value) for value in values})
        if not set(picked) <= choices:
            raise AnswerError(_("Phương án này không thuộc câu hỏi."))
        return picked
    if kind == "short_text":
        if not isinstance(raw, str):
            raise AnswerError(_("Câu trả lời phải là chữ."))
        if len(raw) > MAX_TEXT:
            raise AnswerError(_("Câu trả lời dài quá 500 ký tự."))
        return raw.strip() or None
    if kind == "numeric":
        return str(_number(raw))
    if kind == "ordering":
        if not isinstance(raw, list):
            raise AnswerError(_("Thứ tự sắp xếp không hợp lệ."))
        order = [_as_int(value) for value in raw]
        if sorted(order) != sorted(choices):
            raise AnswerError(_("Hãy xếp mỗi mục đúng một lần."))
        return order
    if kind == "matching":
        if not isinstance(raw, dict):
            raise AnswerError(_("Cách ghép không hợp lệ."))
        allowed = set(entry.get("matches", []))
        result = {}
        for key, value in raw.items():
            if _as_int(key) not in choices:
                raise AnswerError(_("Phương án này không thuộc câu hỏi."))
            if value in ("", None):
                continue
            if not isinstance(value, str) or value not in allowed:
                raise AnswerError(_("Vế ghép này không thuộc câu hỏi."))
            result[str(_as_int(key))] = value
        return result or None
    if kind == "hotspot":
        if not isinstance(raw, dict) or "x" not in raw or "y" not in raw:
            raise AnswerError(_("Hãy chọn một điểm trên ảnh."))
        x, y = _number(raw["x"]), _number(raw["y"])
        if not (0 <= x <= 100 and 0 <= y <= 100):
            raise AnswerError(_("Điểm đã chọn nằm ngoài ảnh."))
        return {"x": float(round(x, 2)), "y": float(round(y, 2))}
    raise AnswerError(_("Loại câu hỏi không hợp lệ."))


def raw_from_form(entry: dict, data) -> object:
    """The raw answer to one question from form fields named after it (`data` is a QueryDict).

    Both the form without JavaScript and quiz.js send these names: `q<id>` (choice id(s) or
    text), `q<id>_c<choice>` (position of an item to order), `q<id>_m<choice>` (the chosen
    right-hand side of a pair), `q<id>_x`/`q<id>_y` (a point on the image, in %).
    """
    prefix = f"q{entry['id']}"
    kind = entry["type"]
    if kind == "multiple":
        return data.getlist(prefix)
    if kind == "ordering":
        positions = {}
        for choice_id in entry.get("choices", []):
            value = data.get(f"{prefix}_c{choice_id}", "")
            if value == "":
                return None
            try:
                positions[choice_id] = int(value)
            except ValueError:
                raise AnswerError(_("Thứ tự sắp xếp không hợp lệ.")) from None
        if len(set(positions.values())) != len(positions):
            raise AnswerError(_("Hãy xếp mỗi mục đúng một lần."))
        return sorted(positions, key=positions.get)
    if kind == "matching":
        return {
            str(choice_id): data.get(f"{prefix}_m{choice_id}", "")
            for choice_id in entry.get("choices", [])
            if f"{prefix}_m{choice_id}" in data
        }
    if kind == "hotspot":
        x, y = data.get(f"{prefix}_x", ""), data.get(f"{prefix}_y", "")
        if x == "" and y == "":
            return None
        return {"x": x, "y": y}
    return data.get(prefix, "")
