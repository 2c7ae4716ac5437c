"""GIFT, as Moodle's `qformat_gift` reads and writes it.

Reading: questions are separated by blank lines; `//` lines are comments that may carry
`[id:…]` and `[tag:…]`; `$CATEGORY: $course$/top/A/B` switches the category; `::name::`,
a `[html]`/`[moodle]`/`[plain]`/`[markdown]` format, then the answers in `{…}`: `=` right,
`~` wrong, `%50%` a weight, `#` a feedback, `####` the general feedback, `->` a pair, `#3:2`
or `#1..5` a number, `T`/`FALSE#wrong#right` true/false, `{}` an essay, no braces a
description; `\\ \\: \\# \\= \\{ \\} \\~ \\n` escape. Writing gives the same text back.
"""

import re
from decimal import Decimal

from django.utils.translation import gettext as _

from .drafts import (
    FALSE_LABEL,
    MAX_ITEMS,
    TRUE_LABEL,
    Item,
    ItemError,
    Reading,
    check_draft,
    default_name,
    fraction_from_percent,
    html_text,
    new_choice,
    new_draft,
    numeric_draft_fields,
    percent_of,
    settle_fractions,
    to_html,
    to_plain,
)

_ESCAPES = {"\\": "\ue000", ":": "\ue001", "#": "\ue002", "=": "\ue003"}
_ESCAPES.update({"{": "\ue004", "}": "\ue005", "~": "\ue006", "n": "\ue007"})
_RESTORE = str.maketrans({v: ("\n" if k == "n" else k) for k, v in _ESCAPES.items()})
_ESCAPED = re.compile(r"\\([\\:#={}~n])")
_WEIGHT = re.compile(r"^\s*%(-?\d+(?:\.\d+)?)%")
_FORMATS = {"html": "html", "moodle": "moodle_auto_format", "plain": "plain_text"}
_FORMATS["markdown"] = "markdown"
_COMMENT_ID = re.compile(r"\[id:((?:\\.|[^\]\\\n])*)\]")
_COMMENT_TAG = re.compile(r"\[tag:((?:\\.|[^\]\\\n])*)\]")


def _protect(text: str) -> str:
    return _ESCAPED.sub(lambda m: _ESCAPES[m.group(1)], text)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _with_format(text: str, default: str) -> tuple[str, str]:
    """(format, text) of a piece that may start with `[html]` and the like."""
    text = text.strip()
    match = re.match(r"^\[(\w+)\]", text)
    if match and match.group(1) in _FORMATS:
        return _FORMATS[match.group(1)], _restore(text[match.end() :]).strip()
    return default, _restore(text).strip()


def _weight(piece: str, default) -> tuple[Decimal | None, str]:
    match = _WEIGHT.match(piece)
    if not match:
        return default, piece
    return fraction_from_percent(match.group(1)), piece[match.end() :]


def _feedback(piece: str, fmt: str) -> tuple[str, str]:
    """(answer, feedback as plain text) of `answer#feedback`."""
    answer, _sep, feedback = piece.partition("#")
    feedback_format, feedback = _with_format(feedback, fmt)
    return answer, to_plain(feedback, feedback_format)


def comment_fields(comments: str) -> tuple[str, list[str]]:
    """The `[id:…]` and `[tag:…]` of a question's comment lines (`\\]` escapes a bracket)."""
    unescape = lambda text: text.replace("\\]", "]").strip()  # noqa: E731
    ids = [unescape(found) for found in _COMMENT_ID.findall(comments)]
    tags = [unescape(found) for found in _COMMENT_TAG.findall(comments)]
    return (ids[-1] if ids else ""), [tag for tag in tags if tag]


def _split_answers(body: str, signs: str) -> list[str]:
    """The answers of `body`, each still starting with its sign (one of `signs`)."""
    parts = re.split(f"(?=[{re.escape(signs)}])", body)
    return [part.strip() for part in parts if part.strip()]


def read_question(block: str, comments: str = "") -> dict:
    """One GIFT question (without its comment lines) as a draft."""
    text = _protect(block).strip()
    name = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end != -1:
            name = " ".join(_restore(text[2:end]).split())
            text = text[end + 2 :].strip()
    start, finish = text.find("{"), text.find("}")
    description = start == -1 and finish == -1
    if not description and (start == -1 or finish < start or "{" in text[finish:]):
        raise ItemError(_("cần đúng một cặp dấu { } chứa đáp án"))
    if description:
        question_text, answer = text, ""
    else:
        answer, after = text[start + 1 : finish].strip(), text[finish + 1 :]
        question_text = text[:start] + ("_____" + after if after.strip() else "")
    general = ""
    if "####" in answer:
        answer, general = answer[: answer.rfind("####")].strip(), answer[answer.rfind("####") + 4 :]
    fmt, question_text = _with_format(question_text, "moodle_auto_format")
    html = to_html(question_text, fmt)
    general_format, general = _with_format(general, fmt)
    idnumber, tags = comment_fields(comments)
    fields = {
        "name": name[:255] or default_name(html),
        "feedback": to_plain(general, general_format),
        "idnumber": idnumber,
        "tags": tags,
    }
    if description:
        return new_draft("description", html, **fields)
    if answer == "":
        return new_draft("essay", html, **fields)
    if answer.startswith("#"):
        return _numeric(answer[1:], html, fmt, fields)
    if "~" in answer:
        return _choice(answer, html, fmt, fields)
    if "=" in answer and "->" in answer:
        return _matching(answer, html, fmt, fields)
    truth = answer.split("#", 1)[0].strip() if "#" in answer else answer
    if truth in ("T", "TRUE", "F", "FALSE"):
        parts = answer.split("#", 2) + ["", ""]
        wrong = to_plain(*reversed(_with_format(parts[1], fmt)))
        right = to_plain(*reversed(_with_format(parts[2], fmt)))
        is_true = truth.startswith("T")
        return new_draft(
            "true_false",
            html,
            penalty=Decimal(1),
            choices=[
                new_choice(TRUE_LABEL, is_correct=is_true, feedback=right if is_true else wrong),
                new_choice(
                    FALSE_LABEL, is_correct=not is_true, feedback=wrong if is_true else right
                ),
            ],
            **fields,
        )
    return _short_text(answer, html, fmt, fields)


def _choice(answer: str, html: str, fmt: str, fields: dict) -> dict:
    single = "=" in answer
    choices = []
    for piece in _split_answers(answer, "=~"):
        sign, piece = piece[0], piece[1:]
        weight, piece = (Decimal(1), piece) if sign == "=" else _weight(piece, Decimal(0))
        text, feedback = _feedback(piece, fmt)
        text_format, text = _with_format(text, fmt)
        choices.append(
            new_choice(
                to_plain(text, text_format),
                is_correct=weight > 0,
                feedback=feedback,
                fraction=weight,
            )
        )
    if len(choices) < 2:
        raise ItemError(_("cần ít nhất hai phương án"))
    draft = new_draft("single" if single else "multiple", html, choices=choices, **fields)
    return settle_fractions(draft)


def _matching(answer: str, html: str, fmt: str, fields: dict) -> dict:
    choices, spare = [], []
    for piece in _split_answers(answer, "="):
        piece = piece[1:]
        if "->" not in piece:
            raise ItemError(_("ghép cặp: mỗi cặp viết dạng “=vế trái -> vế phải”"))
        left, right = piece.split("->", 1)
        left_format, left = _with_format(left, fmt)
        left, right = to_plain(left, left_format), _restore(right).strip()
        if not left:
            spare.append(right)
            continue
        choices.append(new_choice(left, is_correct=True, match=right))
    draft = new_draft("matching", html, choices=choices, **fields)
    if spare:
        draft["warnings"] = [
            _("vế phải thừa không được giữ (ngân hàng chưa có chỗ): %(items)s")
            % {"items": ", ".join(spare)}
        ]
    return draft


def _short_text(answer: str, html: str, fmt: str, fields: dict) -> dict:
    choices = []
    for piece in _split_answers(answer, "="):
        weight, piece = _weight(piece[1:], Decimal(1))
        text, feedback = _feedback(piece, fmt)
        text = _with_format(text, fmt)[1]
        choices.append(new_choice(text, is_correct=weight > 0, feedback=feedback, fraction=weight))
    return settle_fractions(new_draft("short_text", html, choices=choices, **fields))


def _numeric(answer: str, html: str, fmt: str, fields: dict) -> dict:
    answer, tilde, wrong = answer.partition("~")
    answers = []
    for piece in _split_answers(answer, "=") if "=" in answer else [answer]:
        weight, piece = _weight(piece.lstrip("="), Decimal(1))
        value, feedback = _feedback(piece, fmt)
        value = _restore(value).strip()
        if ".." in value[1:]:
            low, high = value.split("..", 1)
            try:
                low, high = Decimal(low.strip()), Decimal(high.strip())
                middle, tolerance = (low + high) / 2, (high - low) / 2
            except ArithmeticError:  # not numbers, or too large to add
                raise ItemError(_("khoảng số phải viết dạng “nhỏ..lớn”")) from None
            value, tolerance = format(middle, "f"), format(tolerance, "f")
        elif ":" in value[1:]:
            value, tolerance = value.split(":", 1)
        else:
            tolerance = "0"
        answers.append((value, tolerance, weight, feedback))
    if tilde:
        answers.append(("*", "", Decimal(0), _feedback(wrong, fmt)[1]))
    draft = new_draft("numeric", html, **fields, **numeric_draft_fields(answers))
    return settle_fractions(draft)


# --- the file ----------------------------------------------------------------------------
def _category_path(line: str) -> list[str]:
    path = line.split(":", 1)[1].strip()
    names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", path)]
    names = [name for name in names if name]
    if names and names[0].startswith("$") and names[0].endswith("$"):
        names = names[1:]
    if names and names[0] == "top":
        names = names[1:]
    return names


def read_gift(text: str) -> Reading:
    """Every question of a GIFT file, each as a draft or with the reason it is skipped."""
    reading = Reading()
    category: list[str] = []
    blocks: list[list[str]] = [[]]
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.strip():
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    questions = sum(
        1
        for lines in blocks
        if any(not line.strip().startswith(("//", "$CATEGORY:")) for line in lines)
    )
    if questions > MAX_ITEMS:
        reading.fatal = _("Tệp có hơn %(max)s câu hỏi: hãy chia thành nhiều tệp nhỏ hơn.") % {
            "max": MAX_ITEMS
        }
        return reading
    number = 0
    for lines in blocks:
        body = [line for line in lines if not line.strip().startswith("//")]
        comments = "\n".join(line for line in lines if line.strip().startswith("//"))
        if not body:
            continue
        if body[0].strip().startswith("$CATEGORY:"):
            category = _category_path(body[0])
            body = body[1:]
            if not body:
                continue
        number += 1
        if number > MAX_ITEMS:
            reading.fatal = _("Tệp có hơn %(max)s câu hỏi: hãy chia thành nhiều tệp nhỏ hơn.") % {
                "max": MAX_ITEMS
            }
            return reading
        block = "\n".join(body)
        raw_name = re.match(r"^\s*::(.*?)::", block, flags=re.DOTALL)
        item = Item(number=number, name=(raw_name.group(1).strip() if raw_name else ""), kind="")
        try:
            draft = read_question(block, comments)
            item.warnings = draft.pop("warnings", [])
            check_draft(draft)
        except ItemError as error:
            item.problem = str(error)
        else:
            draft["category"] = list(category)
            if draft["status"] == "draft":
                draft["source"] = "\n".join(lines)
            item.draft, item.kind, item.name = draft, draft["type"], draft["name"]
        reading.items.append(item)
    return reading


# --- writing -----------------------------------------------------------------------------
def escape(text: str) -> str:
    """Text with GIFT's special characters escaped once (newlines as `\\n`)."""
    text = text.replace("\\", "\\\\")
    for char in "~=#{}:":
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


def _html(text: str) -> str:
    """Plain text of the bank under an `[html]` question: HTML-escaped, then GIFT-escaped."""
    return escape(html_text(text))


def _fb(text: str) -> str:
    return f"#{_html(text)}" if text else ""


def write_question(draft: dict) -> str | None:
    """One draft in GIFT, or None for what GIFT cannot hold (ordering, hotspot, cloze)."""
    kind, choices = draft["type"], draft["choices"]
    head = []
    marks = [f"[id:{draft['idnumber'].replace(']', chr(92) + ']')}]"] if draft["idnumber"] else []
    marks += [f"[tag:{tag.replace(']', chr(92) + ']')}]" for tag in draft["tags"]]
    if marks:
        head.append("// " + " ".join(marks))
    text = f"::{escape(draft['name'])}::[html]{escape(draft['text'])}"
    general = f"####{_html(draft['feedback'])}" if draft["feedback"] else ""
    if kind == "description":
        return "\n".join([*head, text])
    if kind == "essay":
        body = general
    elif kind == "true_false":
        true_choice = (
            choices[0] if choices[0]["text"].lower() not in ("sai", "false") else choices[1]
        )
        false_choice = choices[1] if true_choice is choices[0] else choices[0]
        right, wrong = (
            (true_choice, false_choice)
            if true_choice["is_correct"]
            else (false_choice, true_choice)
        )
        body = "TRUE" if true_choice["is_correct"] else "FALSE"
        if wrong["feedback"] or right["feedback"]:
            body += f"#{_html(wrong['feedback'])}"
        if right["feedback"]:
            body += f"#{_html(right['feedback'])}"
        body += general
    elif kind in ("single", "multiple"):
        correct = sum(1 for c in choices if c["is_correct"]) or 1
        lines = []
        for c in choices:
            if kind == "single" and c["fraction"] is None:
                sign = "=" if c["is_correct"] else "~"
            else:
                weight = c["fraction"]
                if weight is None:
                    weight = (Decimal(1) if c["is_correct"] else Decimal(-1)) / correct
                sign = f"~%{percent_of(weight)}%"
            lines.append(f"\t{sign}{_html(c['text'])}{_fb(c['feedback'])}")
        body = "\n" + "\n".join(lines) + ("\n\t" + general if general else "") + "\n"
    elif kind == "short_text":
        lines = [
            f"\t={'' if c['fraction'] is None else '%' + percent_of(c['fraction']) + '%'}"
            f"{escape(c['text'])}{_fb(c['feedback'])}"
            for c in choices
        ]
        body = "\n" + "\n".join(lines) + ("\n\t" + general if general else "") + "\n"
    elif kind == "numeric":
        rows = choices or [
            new_choice(
                format(Decimal(draft["numeric_answer"]).normalize(), "f"),
                is_correct=True,
                tolerance=draft["numeric_tolerance"],
            )
        ]
        lines = []
        for c in rows:
            if c["text"] == "*":
                lines.append(f"\t~{_fb(c['feedback']) or '#'}")
                continue
            weight = "" if c["fraction"] is None else f"%{percent_of(c['fraction'])}%"
            tolerance = format(Decimal(c["tolerance"] or 0).normalize(), "f")
            lines.append(f"\t={weight}{c['text']}:{tolerance}{_fb(c['feedback'])}")
        body = "#\n" + "\n".join(lines) + ("\n\t" + general if general else "") + "\n"
    elif kind == "matching":
        lines = [f"\t={_html(c['text'])} -> {escape(c['match'])}" for c in choices]
        body = "\n" + "\n".join(lines) + ("\n\t" + general if general else "") + "\n"
    else:
        return None
    return "\n".join([*head, f"{text}{{{body}}}"])


def write_gift(drafts: list[dict]) -> str:
    """Drafts as a GIFT file: a `$CATEGORY` line wherever the category changes."""
    parts, skipped, category = [], 0, None
    for draft in drafts:
        gift = write_question(draft)
        if gift is None:
            skipped += 1
            continue
        if draft["category"] != category:
            category = draft["category"]
            path = "/".join(name.replace("/", "//") for name in category)
            parts.append(f"$CATEGORY: $course$/top{'/' + path if path else ''}")
        parts.append(gift)
    if skipped:
        parts.insert(
            0,
            f"// {skipped} câu sắp xếp, chạm ảnh hoặc điền khuyết không có dạng GIFT: "
            "hãy xuất Moodle XML hoặc .xlsx",
        )
    return "\n\n".join(parts) + "\n"
