"""Grading: one pure function per question type, each returning a fraction from 0 to 1.

The functions take plain data (ids, texts, numbers) and the parsed answer (see `answers.py`),
so that they can be tested without a database. `question_spec` turns a question with its
choices and regions into that data (`spec_for` the same from plain rows); `grade` dispatches on
the type.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from courses.search import fold

ZERO = Decimal(0)
ONE = Decimal(1)
_SPACES = re.compile(r"\s+")


def _fraction(value) -> Decimal:
    return max(ZERO, min(ONE, Decimal(value))).quantize(Decimal("0.0001"))


def grade_single(*, correct_ids: set[int], answer: int | None) -> Decimal:
    """Single choice and true/false: full marks for a correct choice, nothing otherwise."""
    return ONE if answer is not None and answer in correct_ids else ZERO


def grade_multiple(*, correct_ids: set[int], answer: list[int] | None) -> Decimal:
    """(correct choices picked − wrong choices picked) ÷ number of correct choices, never < 0.

    Picking every choice therefore scores 0 unless every choice is correct.
    """
    if not answer or not correct_ids:
        return ZERO
    picked = set(answer)
    right = len(picked & correct_ids)
    wrong = len(picked - correct_ids)
    return _fraction(Decimal(right - wrong) / Decimal(len(correct_ids)))


def normalize_text(text: str, *, ignore_diacritics: bool = False) -> str:
    """Unicode NFC, case-folded, single spaces, trimmed; optionally without diacritics."""
    text = unicodedata.normalize("NFC", text or "")
    if ignore_diacritics:
        return fold(text)
    return _SPACES.sub(" ", text.casefold()).strip()


def grade_short_text(
    *, accepted: list[str], answer: str | None, ignore_diacritics: bool = False
) -> Decimal:
    """Full marks when the answer equals one accepted answer after `normalize_text`."""
    if not answer:
        return ZERO
    given = normalize_text(answer, ignore_diacritics=ignore_diacritics)
    wanted = {normalize_text(text, ignore_diacritics=ignore_diacritics) for text in accepted}
    return ONE if given and given in wanted else ZERO


def grade_numeric(*, expected: Decimal | None, tolerance: Decimal, answer: str | None) -> Decimal:
    """Full marks when |answer − expected| ≤ tolerance."""
    if answer is None or expected is None:
        return ZERO
    try:
        value = Decimal(str(answer))
    except InvalidOperation:
        return ZERO
    return ONE if abs(value - Decimal(expected)) <= Decimal(tolerance) else ZERO


def grade_ordering(*, correct_order: list[int], answer: list[int] | None) -> Decimal:
    """The share of items put at their correct position."""
    if not answer or not correct_order:
        return ZERO
    hits = sum(1 for given, wanted in zip(answer, correct_order, strict=False) if given == wanted)
    return _fraction(Decimal(hits) / Decimal(len(correct_order)))


def grade_matching(*, pairs: dict[int, str], answer: dict | None) -> Decimal:
    """The share of left-hand items matched with their right-hand side."""
    if not answer or not pairs:
        return ZERO
    hits = sum(
        1
        for choice_id, match in pairs.items()
        if normalize_text(str(answer.get(str(choice_id), ""))) == normalize_text(match)
    )
    return _fraction(Decimal(hits) / Decimal(len(pairs)))


def grade_hotspot(
    *, regions: list[tuple[Decimal, Decimal, Decimal, Decimal]], answer: dict | None
) -> Decimal:
    """Full marks when the point (x, y, in % of the image) is inside a correct rectangle
    given as (left, top, width, height) in %; edges count as inside."""
    if not answer:
        return ZERO
    x, y = Decimal(str(answer["x"])), Decimal(str(answer["y"]))
    for left, top, width, height in regions:
        if left <= x <= left + width and top <= y <= top + height:
            return ONE
    return ZERO


def question_spec(question) -> dict:
    """The data the grading functions need, from a question with prefetched choices/regions."""
    return spec_for(
        kind=question.type,
        choices=[
            (choice.pk, choice.sort_order, choice.is_correct, choice.text, choice.match)
            for choice in question.choices.all()
        ],
        numeric_answer=question.numeric_answer,
        tolerance=question.numeric_tolerance,
        ignore_diacritics=question.ignore_diacritics,
        regions=[
            (region.left, region.top, region.width, region.height)
            for region in question.regions.all()
        ],
    )


def spec_for(
    *,
    kind: str,
    choices: list[tuple],
    numeric_answer: Decimal | None,
    tolerance: Decimal,
    ignore_diacritics: bool,
    regions: list[tuple],
) -> dict:
    """The same data from plain values: `choices` as (id, sort order, is correct, text, match),
    `regions` as (left, top, width, height)."""
    return {
        "type": kind,
        "correct_ids": {pk for pk, _order, correct, _text, _match in choices if correct},
        "texts": [text for _pk, _order, _correct, text, _match in choices],
        "order": [choice[0] for choice in sorted(choices, key=lambda choice: choice[1] or 0)],
        "pairs": {pk: match for pk, _order, _correct, _text, match in choices if match},
        "numeric_answer": numeric_answer,
        "tolerance": tolerance,
        "ignore_diacritics": ignore_diacritics,
        "regions": list(regions),
    }


def grade(spec: dict, answer) -> Decimal:
    """The fraction of the question's points that `answer` earns."""
    kind = spec["type"]
    if kind in ("single", "true_false"):
        return grade_single(correct_ids=spec["correct_ids"], answer=answer)
    if kind == "multiple":
        return grade_multiple(correct_ids=spec["correct_ids"], answer=answer)
    if kind == "short_text":
        return grade_short_text(
            accepted=spec["texts"], answer=answer, ignore_diacritics=spec["ignore_diacritics"]
        )
    if kind == "numeric":
        return grade_numeric(
            expected=spec["numeric_answer"], tolerance=spec["tolerance"], answer=answer
        )
    if kind == "ordering":
        return grade_ordering(correct_order=spec["order"], answer=answer)
    if kind == "matching":
        return grade_matching(pairs=spec["pairs"], answer=answer)
    if kind == "hotspot":
        return grade_hotspot(regions=spec["regions"], answer=answer)
    raise ValueError(f"unknown question type {kind!r}")
