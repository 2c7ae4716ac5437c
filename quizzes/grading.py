"""Grading: one pure function per question type, each returning a fraction from 0 to 1.

The functions take plain data (ids, texts, numbers) and the parsed answer (see `answers.py`),
so that they can be tested without a database.

Partial credit (Moodle's answer fractions) is kept as a choice's `fraction`, from −1 to 1; an
empty fraction means the type's own rule, so a question written in the admin grades as it
always did: single and true/false give 1 for a correct choice; multiple gives +1/n for each
correct choice and −1/n for each wrong one picked (n = the number of correct choices); every
accepted short answer gives 1. A short answer or numeric answer with fraction 0 is a *wrong*
answer kept for its feedback, never an accepted one. `question_spec` turns a question with its
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


def grade_single(
    *, correct_ids: set[int], answer: int | None, weights: dict[int, Decimal] | None = None
) -> Decimal:
    """Single choice and true/false: the chosen choice's fraction when it has one, else full
    marks for a correct choice and nothing otherwise."""
    if answer is None:
        return ZERO
    if weights and weights.get(answer) is not None:
        return _fraction(weights[answer])
    return ONE if answer in correct_ids else ZERO


def grade_multiple(
    *, correct_ids: set[int], answer: list[int] | None, weights: dict[int, Decimal] | None = None
) -> Decimal:
    """The sum of the picked choices' fractions, from 0 to 1. A choice without a fraction
    counts +1/n when correct and −1/n when wrong, n = the number of correct choices: so
    (correct picked − wrong picked) ÷ n, and picking every choice scores 0 unless every choice
    is correct."""
    if not answer or not correct_ids:
        return ZERO
    weights = weights or {}
    share = ONE / Decimal(len(correct_ids))
    total = ZERO
    for choice_id in set(answer):
        weight = weights.get(choice_id)
        if weight is None:
            weight = share if choice_id in correct_ids else -share
        total += Decimal(weight)
    return _fraction(total)


def normalize_text(text: str, *, ignore_diacritics: bool = False) -> str:
    """Unicode NFC, case-folded, single spaces, trimmed; optionally without diacritics."""
    text = unicodedata.normalize("NFC", text or "")
    if ignore_diacritics:
        return fold(text)
    return _SPACES.sub(" ", text.casefold()).strip()


def _matches(pattern: str, given: str) -> bool:
    """Moodle's short-answer rule: `*` in an answer stands for any text."""
    if "*" not in pattern:
        return pattern == given
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, given, flags=re.DOTALL) is not None


def grade_short_text(
    *,
    accepted: list[str],
    answer: str | None,
    ignore_diacritics: bool = False,
    weights: list[Decimal | None] | None = None,
) -> Decimal:
    """The best fraction among the answers that the given one equals after `normalize_text`
    (`*` matches any text); an answer without a fraction gives full marks."""
    if not answer:
        return ZERO
    given = normalize_text(answer, ignore_diacritics=ignore_diacritics)
    if not given:
        return ZERO
    weights = weights or [None] * len(accepted)
    best = ZERO
    for text, weight in zip(accepted, weights, strict=False):
        if _matches(normalize_text(text, ignore_diacritics=ignore_diacritics), given):
            best = max(best, ONE if weight is None else _fraction(weight))
    return best


def grade_numeric(
    *,
    expected: Decimal | None,
    tolerance: Decimal,
    answer: str | None,
    others: list[tuple[str, Decimal | None, Decimal | None]] | None = None,
) -> Decimal:
    """The best fraction among the answers within their tolerance of the given number: the
    question's own answer gives full marks; `others` are (value or "*", tolerance, fraction)."""
    if answer is None:
        return ZERO
    try:
        value = Decimal(str(answer))
    except InvalidOperation:
        return ZERO
    if not value.is_finite():
        return ZERO
    best = ZERO
    if expected is not None and abs(value - Decimal(expected)) <= Decimal(tolerance):
        best = ONE
    for text, other_tolerance, weight in others or []:
        if text.strip() != "*":
            try:
                wanted = Decimal(text)
            except InvalidOperation:
                continue
            if abs(value - wanted) > Decimal(other_tolerance or 0):
                continue
        best = max(best, ONE if weight is None else _fraction(weight))
    return best


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
            (
                choice.pk,
                choice.sort_order,
                choice.is_correct,
                choice.text,
                choice.match,
                choice.fraction,
                choice.tolerance,
            )
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
    """The same data from plain values: `choices` as (id, sort order, is correct, text, match)
    optionally followed by (fraction, tolerance); `regions` as (left, top, width, height)."""
    rows = [tuple(choice) + (None, None)[: max(0, 7 - len(choice))] for choice in choices]
    return {
        "type": kind,
        "correct_ids": {row[0] for row in rows if row[2]},
        "texts": [row[3] for row in rows],
        "weights": {row[0]: row[5] for row in rows},
        "text_weights": [row[5] for row in rows],
        "numeric_others": [(row[3], row[6], row[5]) for row in rows],
        "order": [choice[0] for choice in sorted(rows, key=lambda choice: choice[1] or 0)],
        "pairs": {row[0]: row[4] for row in rows if row[4] and row[3]},
        "numeric_answer": numeric_answer,
        "tolerance": tolerance,
        "ignore_diacritics": ignore_diacritics,
        "regions": list(regions),
    }


def grade(spec: dict, answer) -> Decimal:
    """The fraction of the question's points that `answer` earns."""
    kind = spec["type"]
    if kind in ("single", "true_false"):
        return grade_single(
            correct_ids=spec["correct_ids"], answer=answer, weights=spec.get("weights")
        )
    if kind == "multiple":
        return grade_multiple(
            correct_ids=spec["correct_ids"], answer=answer, weights=spec.get("weights")
        )
    if kind == "short_text":
        return grade_short_text(
            accepted=spec["texts"],
            answer=answer,
            ignore_diacritics=spec["ignore_diacritics"],
            weights=spec.get("text_weights"),
        )
    if kind == "numeric":
        return grade_numeric(
            expected=spec["numeric_answer"],
            tolerance=spec["tolerance"],
            answer=answer,
            others=spec.get("numeric_others"),
        )
    if kind == "ordering":
        return grade_ordering(correct_order=spec["order"], answer=answer)
    if kind == "matching":
        return grade_matching(pairs=spec["pairs"], answer=answer)
    if kind == "hotspot":
        return grade_hotspot(regions=spec["regions"], answer=answer)
    raise ValueError(f"unknown question type {kind!r}")
