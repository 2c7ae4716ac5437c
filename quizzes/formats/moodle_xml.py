"""Moodle XML, as Moodle's `qformat_xml` reads and writes it.

Read with defusedxml (no entity expansion, no external entities). A file that is not UTF-8
while its declaration says so (or says nothing) is read again as Windows-1252, with a warning.
Essay, description and cloze questions come in as drafts that keep their XML in `source`, and
go out again as they came.
"""

import base64
import binascii
import io
import re
from decimal import Decimal
from urllib.parse import unquote

# The standard library builds what we write; everything read goes through defusedxml.
from xml.etree.ElementTree import Element, SubElement, indent, tostring  # nosec B405

from defusedxml import DefusedXmlException, ElementTree
from django.utils.translation import gettext as _

from .drafts import (
    FALSE_LABEL,
    MAX_ITEMS,
    TRUE_LABEL,
    Item,
    ItemError,
    Reading,
    check_draft,
    decode_text,
    default_name,
    fraction_from_percent,
    html_text,
    new_choice,
    new_draft,
    numeric_draft_fields,
    penalty,
    percent_of,
    points,
    settle_fractions,
    to_html,
    to_plain,
)

MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 25_000_000
TYPES = {
    "multichoice": "single",
    "truefalse": "true_false",
    "shortanswer": "short_text",
    "numerical": "numeric",
    "matching": "matching",
    "essay": "essay",
    "description": "description",
    "cloze": "cloze",
    "multianswer": "cloze",
}
MOODLE_TYPES = {
    "single": "multichoice",
    "multiple": "multichoice",
    "true_false": "truefalse",
    "short_text": "shortanswer",
    "numeric": "numerical",
    "matching": "matching",
    "essay": "essay",
    "description": "description",
    "cloze": "cloze",
}
_PLUGIN_IMG = re.compile(r"<img\b[^>]*\bsrc=\"@@PLUGINFILE@@/([^\"]+)\"[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt=\"([^\"]*)\"", re.IGNORECASE)


def _text(node, path: str = "text") -> str:
    found = node.find(path) if node is not None else None
    return (found.text or "") if found is not None else ""


def _format(node, default: str) -> str:
    return (node.get("format") if node is not None else None) or default


def _image(node, html: str, warnings: list[str]) -> tuple[str, dict | None]:
    """The first embedded image of a text as the question's image; the <img> leaves the text."""
    from PIL import Image, UnidentifiedImageError

    image = None
    for file in node.findall("file") if node is not None else []:
        name = file.get("name", "")
        try:
            content = base64.b64decode((file.text or "").strip(), validate=True)
        except (binascii.Error, ValueError):
            warnings.append(_("tệp đính kèm “%(name)s” không đọc được") % {"name": name})
            continue
        if len(content) > MAX_IMAGE_BYTES:
            warnings.append(_("ảnh “%(name)s” lớn hơn 5 MB, không được giữ") % {"name": name})
            continue
        try:
            with Image.open(io.BytesIO(content)) as picture:
                too_big = picture.width * picture.height > MAX_IMAGE_PIXELS
                picture.verify()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            warnings.append(
                _("tệp đính kèm “%(name)s” không phải là ảnh nên không được giữ") % {"name": name}
            )
            continue
        if too_big:
            warnings.append(_("ảnh “%(name)s” quá nhiều điểm ảnh") % {"name": name})
        elif image is None:
            image = {"name": name, "content": content, "alt": ""}
        else:
            warnings.append(_("chỉ giữ ảnh đầu tiên; “%(name)s” bị bỏ") % {"name": name})
    if image is not None:
        for match in _PLUGIN_IMG.finditer(html):
            if unquote(match.group(1)).rsplit("/", 1)[-1] == image["name"]:
                alt = _ALT.search(match.group(0))
                image["alt"] = alt.group(1) if alt else ""
                alone = re.compile(r"<p>\s*" + re.escape(match.group(0)) + r"\s*</p>")
                html = alone.sub("", html, count=1).replace(match.group(0), "", 1)
                break
    return html, image


def _header(node, warnings: list[str]) -> tuple[str, dict]:
    """The question text (HTML) and the fields every type has."""
    text_node = node.find("questiontext")
    fmt = _format(text_node, "moodle_auto_format")
    raw, image = _image(text_node, _text(text_node), warnings)
    html = to_html(raw, fmt)
    general = node.find("generalfeedback")
    tags = [" ".join(_text(tag).split()) for tag in node.findall("tags/tag")]
    fields = {
        "name": " ".join(_text(node, "name/text").split())[:255] or default_name(html),
        "feedback": to_plain(_text(general), _format(general, fmt)),
        "idnumber": _text(node, "idnumber").strip(),
        "tags": [tag for tag in tags if tag],
        "image": image,
    }
    if node.find("penalty") is not None and _text(node, "penalty").strip():
        fields["penalty"] = penalty(_text(node, "penalty"))
    return html, fields


def read_question(node) -> dict:
    """One <question> element as a draft."""
    moodle_type = node.get("type", "")
    kind = TYPES.get(moodle_type)
    if kind is None:
        raise ItemError(_("loại câu hỏi “%(type)s” chưa được hỗ trợ") % {"type": moodle_type[:40]})
    warnings: list[str] = []
    html, fields = _header(node, warnings)
    grade = _text(node, "defaultgrade").strip()
    if kind in ("essay", "description", "cloze"):
        try:
            fields["points"] = points(grade or "1")
        except ItemError:
            fields["points"] = Decimal(1)  # a description has no points; a draft keeps 1
        draft = new_draft(kind, html, **fields)
        draft["source"] = tostring(node, encoding="unicode")
    else:
        fields["points"] = points(grade or "1")
        draft = _READERS[kind](node, html, fields, warnings)
    draft["warnings"] = warnings
    return draft


def _answers(node):
    for answer in node.findall("answer"):
        feedback = answer.find("feedback")
        yield (
            answer,
            fraction_from_percent(answer.get("fraction", "0") or "0"),
            to_plain(_text(feedback), _format(feedback, "html")),
        )


def _multichoice(node, html, fields, warnings) -> dict:
    single = _text(node, "single").strip().lower() not in ("false", "0")
    choices = [
        new_choice(
            to_plain(_text(answer), _format(answer, "html")),
            is_correct=fraction > 0,
            feedback=feedback,
            fraction=fraction,
        )
        for answer, fraction, feedback in _answers(node)
    ]
    draft = new_draft("single" if single else "multiple", html, choices=choices, **fields)
    return settle_fractions(draft)


def _truefalse(node, html, fields, warnings) -> dict:
    found = {}
    for answer, fraction, feedback in _answers(node):
        found[_text(answer).strip().lower()] = (fraction, feedback)
    if set(found) != {"true", "false"}:
        raise ItemError(_("câu Đúng/Sai cần hai đáp án true và false"))
    return new_draft(
        "true_false",
        html,
        choices=[
            new_choice(TRUE_LABEL, is_correct=found["true"][0] == 1, feedback=found["true"][1]),
            new_choice(FALSE_LABEL, is_correct=found["false"][0] == 1, feedback=found["false"][1]),
        ],
        **fields,
    )


def _shortanswer(node, html, fields, warnings) -> dict:
    if _text(node, "usecase").strip() == "1":
        warnings.append(
            _("Moodle phân biệt chữ hoa ở câu này; ở đây chữ hoa và chữ thường như nhau")
        )
    choices = [
        new_choice(
            _text(answer).strip(), is_correct=fraction > 0, feedback=feedback, fraction=fraction
        )
        for answer, fraction, feedback in _answers(node)
    ]
    return settle_fractions(new_draft("short_text", html, choices=choices, **fields))


def _numerical(node, html, fields, warnings) -> dict:
    if node.find("units/unit") is not None:
        warnings.append(_("đơn vị đo của câu số không được giữ"))
    answers = [
        (_text(answer), _text(answer, "tolerance"), fraction, feedback)
        for answer, fraction, feedback in _answers(node)
    ]
    draft = new_draft("numeric", html, **fields, **numeric_draft_fields(answers))
    return settle_fractions(draft)


def _matching(node, html, fields, warnings) -> dict:
    choices, spare = [], []
    for sub in node.findall("subquestion"):
        left = to_plain(_text(sub), _format(sub, "html"))
        right = _text(sub, "answer/text").strip()
        if left:
            choices.append(new_choice(left, is_correct=True, match=right))
        elif right:
            spare.append(right)
    if spare:
        warnings.append(
            _("vế phải thừa không được giữ (ngân hàng chưa có chỗ): %(items)s")
            % {"items": ", ".join(spare)}
        )
    return new_draft("matching", html, choices=choices, **fields)


_READERS = {
    "single": _multichoice,
    "true_false": _truefalse,
    "short_text": _shortanswer,
    "numeric": _numerical,
    "matching": _matching,
}


def _category_path(text: str) -> list[str]:
    names = [name.replace("//", "/").strip() for name in re.split(r"(?<!/)/(?!/)", text or "")]
    names = [name for name in names if name]
    if names and names[0].startswith("$") and names[0].endswith("$"):
        names = names[1:]
    if names and names[0] == "top":
        names = names[1:]
    return names


def _parse(data: bytes) -> tuple[object | None, str, str]:
    """(root, warning, fatal problem)."""
    hostile = _("tệp XML có khai báo thực thể (DTD/ENTITY), không được phép vì lý do an toàn")
    try:
        return ElementTree.fromstring(data), "", ""
    except DefusedXmlException:  # entities, DTD, external references
        return None, "", hostile
    except (ElementTree.ParseError, UnicodeDecodeError, LookupError, ValueError) as error:
        first = error
    declared = re.match(rb"\s*<\?xml[^>]*encoding=[\"']([A-Za-z0-9._-]+)", data)
    if declared is None or declared.group(1).lower() in (b"utf-8", b"utf8"):
        text, warning = decode_text(data)
        if warning:
            text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
            try:
                return ElementTree.fromstring(text), warning, ""
            except Exception:  # noqa: BLE001, S110  reported below as the first error
                pass
    line = getattr(first, "position", (0, 0))[0]
    return None, "", _("tệp không phải là XML hợp lệ (lỗi ở dòng %(line)s)") % {"line": line}


def read_moodle_xml(data: bytes) -> Reading:
    """Every question of a Moodle XML file, each as a draft or with why it is skipped."""
    reading = Reading()
    root, warning, fatal = _parse(data)
    if fatal or root is None:
        reading.fatal = fatal or _("tệp không phải là XML hợp lệ")
        return reading
    if warning:
        reading.warnings.append(warning)
    if root.tag != "quiz":
        reading.fatal = _("tệp XML không phải là ngân hàng câu hỏi Moodle (thiếu thẻ <quiz>)")
        return reading
    questions = root.findall("question")
    if sum(1 for q in questions if q.get("type") != "category") > MAX_ITEMS:
        reading.fatal = _("Tệp có hơn %(max)s câu hỏi: hãy chia thành nhiều tệp nhỏ hơn.") % {
            "max": MAX_ITEMS
        }
        return reading
    category: list[str] = []
    number = 0
    for node in questions:
        if node.get("type") == "category":
            category = _category_path(_text(node, "category/text"))
            continue
        number += 1
        item = Item(number=number, name=_text(node, "name/text").strip()[:255], kind="")
        try:
            draft = read_question(node)
            item.warnings = draft.pop("warnings", [])
            check_draft(draft)
        except ItemError as error:
            item.problem = str(error)
        else:
            draft["category"] = list(category)
            item.draft, item.kind, item.name = draft, draft["type"], draft["name"]
        reading.items.append(item)
    return reading


# --- writing -----------------------------------------------------------------------------
def _text_element(parent, tag: str, text: str, fmt: str | None = "html"):
    element = SubElement(parent, tag, {"format": fmt} if fmt else {})
    SubElement(element, "text").text = text
    return element


def _weight(draft: dict, choice: dict) -> Decimal:
    if choice["fraction"] is not None:
        return Decimal(choice["fraction"])
    if draft["type"] == "multiple":
        correct = sum(1 for c in draft["choices"] if c["is_correct"]) or 1
        return (Decimal(1) if choice["is_correct"] else Decimal(-1)) / correct
    if draft["type"] == "short_text":
        return Decimal(1)
    return Decimal(1) if choice["is_correct"] else Decimal(0)


def _answer(parent, draft, choice, *, text: str, fmt: str, weight: Decimal | None = None):
    weight = _weight(draft, choice) if weight is None else weight
    answer = SubElement(parent, "answer", {"fraction": percent_of(weight), "format": fmt})
    SubElement(answer, "text").text = text
    _text_element(answer, "feedback", html_text(choice["feedback"]))
    return answer


def write_question(draft: dict):
    """One draft as a <question> element, or None for what Moodle has no core type for."""
    if draft["status"] == "draft" and draft["source"].lstrip().startswith("<question"):
        return ElementTree.fromstring(draft["source"])
    kind = draft["type"]
    if kind not in MOODLE_TYPES:
        return None
    node = Element("question", {"type": MOODLE_TYPES[kind]})
    name = SubElement(node, "name")
    SubElement(name, "text").text = draft["name"]
    text = draft["text"]
    image = draft.get("image")
    if image:
        text += f'<p><img src="@@PLUGINFILE@@/{image["name"]}" alt="{html_text(image["alt"])}"></p>'
    question_text = _text_element(node, "questiontext", text)
    if image:
        file = SubElement(
            question_text, "file", {"name": image["name"], "path": "/", "encoding": "base64"}
        )
        file.text = base64.b64encode(image["content"]).decode("ascii")
    _text_element(node, "generalfeedback", html_text(draft["feedback"]))
    grade = "0" if kind == "description" else format(Decimal(draft["points"]).normalize(), "f")
    SubElement(node, "defaultgrade").text = grade
    SubElement(node, "penalty").text = format(Decimal(draft["penalty"]).normalize(), "f")
    SubElement(node, "hidden").text = "0"
    SubElement(node, "idnumber").text = draft["idnumber"]
    choices = draft["choices"]
    if kind in ("single", "multiple"):
        SubElement(node, "single").text = "true" if kind == "single" else "false"
        SubElement(node, "shuffleanswers").text = "true"
        SubElement(node, "answernumbering").text = "abc"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text_element(node, tag, "")
        for choice in choices:
            _answer(node, draft, choice, text=html_text(choice["text"]), fmt="html")
    elif kind == "true_false":
        truth = {c["text"].lower() not in ("sai", "false"): c for c in choices}
        for value, label in ((True, "true"), (False, "false")):
            choice = truth.get(value, new_choice(label))
            weight = Decimal(1) if choice["is_correct"] else Decimal(0)
            _answer(node, draft, choice, text=label, fmt="moodle_auto_format", weight=weight)
    elif kind == "short_text":
        SubElement(node, "usecase").text = "0"
        for choice in choices:
            _answer(node, draft, choice, text=choice["text"], fmt="plain_text")
    elif kind == "numeric":
        rows = choices or [
            new_choice(
                format(Decimal(draft["numeric_answer"]).normalize(), "f"),
                is_correct=True,
                tolerance=draft["numeric_tolerance"],
            )
        ]
        for choice in rows:
            answer = _answer(node, draft, choice, text=choice["text"], fmt="plain_text")
            tolerance = "0" if choice["text"] == "*" else choice["tolerance"] or 0
            SubElement(answer, "tolerance").text = format(Decimal(tolerance).normalize(), "f")
    elif kind == "matching":
        SubElement(node, "shuffleanswers").text = "true"
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text_element(node, tag, "")
        for choice in choices:
            sub = _text_element(node, "subquestion", html_text(choice["text"]))
            SubElement(SubElement(sub, "answer"), "text").text = choice["match"]
    elif kind == "essay":
        for tag, value in (
            ("responseformat", "editor"),
            ("responserequired", "1"),
            ("responsefieldlines", "15"),
            ("attachments", "0"),
            ("attachmentsrequired", "0"),
        ):
            SubElement(node, tag).text = value
        _text_element(node, "graderinfo", "")
        _text_element(node, "responsetemplate", "")
    if draft["tags"]:
        tags = SubElement(node, "tags")
        for tag in draft["tags"]:
            SubElement(SubElement(tags, "tag"), "text").text = tag
    return node


def write_moodle_xml(drafts: list[dict]) -> bytes:
    """Drafts as a Moodle XML file, a category question wherever the category changes."""
    root, category = Element("quiz"), None
    for draft in drafts:
        node = write_question(draft)
        if node is None:
            continue
        if draft["category"] != category:
            category = draft["category"]
            path = "/".join(name.replace("/", "//") for name in category)
            switch = SubElement(root, "question", {"type": "category"})
            _text_element(switch, "category", f"$course$/top{'/' + path if path else ''}", None)
        root.append(node)
    indent(root, space="  ")
    body = tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
