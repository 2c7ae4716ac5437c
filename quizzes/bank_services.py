"""Writes to the question bank from imported files: one transaction per import.

Split from `services.py` (which keeps the attempt services): importing is the bank's business,
not the attempt's. `draft_problem` tells the preview, before anything is written, which drafts
the bank would refuse; `questions_import` writes the rest, all of them or none.
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Choice, Question, QuestionCategory


class ImportRefused(ValidationError):
    """An import that cannot be written: `errors` lists (item number, message)."""

    def __init__(self, errors: list[tuple[int, str]]):
        self.errors = errors
        super().__init__(
            [
                _("Mục %(number)s: %(message)s") % {"number": number, "message": message}
                for number, message in errors
            ]
        )


def _question(draft: dict, category: QuestionCategory | None) -> Question:
    return Question(
        category=category,
        type=draft["type"],
        status=draft.get("status", "ready"),
        draft_reason=draft.get("draft_reason", "")[:300],
        source=draft.get("source", ""),
        name=draft.get("name", "")[:255],
        text=draft["text"].strip(),
        points=draft["points"],
        penalty=draft.get("penalty", Question._meta.get_field("penalty").default),
        feedback=draft["feedback"][:2000],
        idnumber=draft.get("idnumber", ""),
        tags=list(draft.get("tags", [])),
        numeric_answer=draft["numeric_answer"],
        numeric_tolerance=draft["numeric_tolerance"],
        image_alt=(draft.get("image") or {}).get("alt", "")[:250],
    )


def _choices(draft: dict, question: Question | None) -> list[Choice]:
    return [
        Choice(
            question=question,
            sort_order=order,
            text=choice["text"],
            is_correct=bool(choice.get("is_correct")),
            match=choice.get("match", ""),
            feedback=choice.get("feedback", ""),
            fraction=choice.get("fraction"),
            tolerance=choice.get("tolerance"),
        )
        for order, choice in enumerate(draft["choices"])
    ]


def _messages(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in error.message_dict.items()
        )
    return " ".join(error.messages)


def draft_problem(draft: dict) -> str:
    """Why the bank would refuse this draft (its model rules), in Vietnamese; "" if none."""
    try:
        _question(draft, None).full_clean(exclude=["category"], validate_constraints=False)
        for choice in _choices(draft, None):
            choice.full_clean(exclude=["question", "sort_order"])
    except ValidationError as error:
        return _messages(error)
    return ""


def _category_for(root: QuestionCategory, path: list[str], made: dict) -> QuestionCategory:
    """The category at `path` below `root`, created if missing. A path that starts with the
    root's own name (an export of this category) starts at the root."""
    if path and path[0] == root.name:
        path = path[1:]
    node = root
    for depth, name in enumerate(path, start=1):
        key = tuple(path[:depth])
        if key not in made:
            made[key], _created = QuestionCategory.objects.get_or_create(
                parent=node, name=name[:150]
            )
        node = made[key]
    return node


def _image_for(draft: dict):
    from wagtail.images import get_image_model

    image = draft.get("image")
    if not image:
        return None
    return get_image_model().objects.create(
        title=(image["alt"] or image["name"])[:255],
        file=ImageFile(io.BytesIO(image["content"]), name=image["name"] or "anh.png"),
    )


def questions_import(*, category: QuestionCategory, drafts: list[dict]) -> int:
    """Create every draft as a question below `category` (sub-categories from the file made
    as needed) in one transaction: all of them or, when any is refused, none."""
    if not drafts:
        raise ImportRefused([(0, _("tệp không có câu hỏi nào nhập được"))])
    made: dict[tuple, QuestionCategory] = {}
    with transaction.atomic():
        for number, draft in enumerate(drafts, start=1):
            question = _question(draft, _category_for(category, draft.get("category", []), made))
            question.image = _image_for(draft)
            try:
                question.full_clean()
            except ValidationError as error:
                raise ImportRefused([(number, _messages(error))]) from None
            question.save()
            Choice.objects.bulk_create(_choices(draft, question))
    return len(drafts)
