"""Parsing what a learner sent: only what the frozen question can take, or a clear reason."""

import pytest
from django.http import QueryDict

from quizzes.answers import AnswerError, parse_answer, raw_from_form

SINGLE = {"id": 1, "type": "single", "choices": [11, 12]}
MULTIPLE = {"id": 2, "type": "multiple", "choices": [21, 22, 23]}
ORDERING = {"id": 3, "type": "ordering", "choices": [31, 32, 33]}
MATCHING = {"id": 4, "type": "matching", "choices": [41, 42], "matches": ["A", "B"]}
NUMERIC = {"id": 5, "type": "numeric", "choices": []}
HOTSPOT = {"id": 6, "type": "hotspot", "choices": []}


@pytest.mark.parametrize(
    ("entry", "raw"),
    [
        (SINGLE, 99),
        (SINGLE, "abc"),
        (SINGLE, True),
        (MULTIPLE, [21, 99]),
        (ORDERING, [31, 31, 32]),
        (ORDERING, "31,32,33"),
        (MATCHING, {"41": "C"}),
        (MATCHING, {"99": "A"}),
        (NUMERIC, "sáu"),
        (NUMERIC, "1e400"),
        (HOTSPOT, {"x": 120, "y": 5}),
        (HOTSPOT, {"x": 5}),
        ({"id": 7, "type": "short_text", "choices": []}, "x" * 501),
    ],
)
def test_malformed_answer_is_refused_with_a_reason(entry, raw):
    with pytest.raises(AnswerError) as error:
        parse_answer(entry, raw)
    assert str(error.value)


def test_well_formed_answers_are_normalised():
    assert parse_answer(SINGLE, "12") == 12
    assert parse_answer(MULTIPLE, ["23", "21", "21"]) == [21, 23]
    assert parse_answer(ORDERING, ["33", "31", "32"]) == [33, 31, 32]
    assert parse_answer(MATCHING, {"41": "B", "42": ""}) == {"41": "B"}
    assert parse_answer(NUMERIC, "3,5") == "3.5"
    assert parse_answer(HOTSPOT, {"x": "12.346", "y": "0"}) == {"x": 12.35, "y": 0.0}
    assert parse_answer(SINGLE, "") is None


def test_form_fields_become_the_same_raw_answer_as_json():
    data = QueryDict("q3_c31=2&q3_c32=3&q3_c33=1&q4_m41=B&q6_x=5&q6_y=7&q2=21&q2=23")
    assert raw_from_form(ORDERING, data) == [33, 31, 32]
    assert raw_from_form(MATCHING, data) == {"41": "B"}
    assert raw_from_form(HOTSPOT, data) == {"x": "5", "y": "7"}
    assert raw_from_form(MULTIPLE, data) == ["21", "23"]


def test_ordering_with_a_repeated_position_is_refused():
    with pytest.raises(AnswerError):
        raw_from_form(ORDERING, QueryDict("q3_c31=1&q3_c32=1&q3_c33=2"))
