"""Each question type's grading rule, without a database."""

from decimal import Decimal

from quizzes.grading import (
    grade_hotspot,
    grade_matching,
    grade_multiple,
    grade_numeric,
    grade_ordering,
    grade_short_text,
    grade_single,
    normalize_text,
)


def test_single_choice_scores_only_the_correct_choice():
    assert grade_single(correct_ids={2}, answer=2) == 1
    assert grade_single(correct_ids={2}, answer=3) == 0
    assert grade_single(correct_ids={2}, answer=None) == 0


def test_multiple_choice_partial_credit_subtracts_wrong_picks():
    correct = {1, 2}
    assert grade_multiple(correct_ids=correct, answer=[1, 2]) == 1
    assert grade_multiple(correct_ids=correct, answer=[1]) == Decimal("0.5")
    assert grade_multiple(correct_ids=correct, answer=[1, 3]) == 0
    assert grade_multiple(correct_ids=correct, answer=[1, 2, 3]) == Decimal("0.5")


def test_multiple_choice_picking_everything_scores_nothing_and_never_below_zero():
    assert grade_multiple(correct_ids={1}, answer=[1, 2, 3]) == 0
    assert grade_multiple(correct_ids={1}, answer=[2, 3]) == 0


def test_short_text_ignores_case_spaces_and_unicode_normalisation():
    decomposed = "Chu\u031b\u0303 ky\u0301 so\u0302\u0301"  # "Chữ ký số" in NFD
    assert normalize_text(decomposed) == normalize_text("chữ ký số")
    assert grade_short_text(accepted=["chữ ký số"], answer="  CHỮ   KÝ  SỐ ") == 1
    assert grade_short_text(accepted=["chữ ký số"], answer=decomposed) == 1


def test_short_text_diacritics_matter_unless_the_question_ignores_them():
    assert grade_short_text(accepted=["chữ ký số"], answer="chu ky so") == 0
    assert grade_short_text(accepted=["chữ ký số"], answer="chu ky so", ignore_diacritics=True) == 1
    assert grade_short_text(accepted=["đăng nhập"], answer="dang nhap", ignore_diacritics=True) == 1


def test_short_text_accepts_any_of_several_answers():
    assert grade_short_text(accepted=["VNeID", "ứng dụng VNeID"], answer="ứng dụng vneid") == 1
    assert grade_short_text(accepted=["VNeID"], answer="") == 0


def test_numeric_answer_within_tolerance():
    assert grade_numeric(expected=Decimal("6"), tolerance=Decimal("0"), answer="6") == 1
    assert grade_numeric(expected=Decimal("6"), tolerance=Decimal("0"), answer="6.1") == 0
    assert grade_numeric(expected=Decimal("3.5"), tolerance=Decimal("0.1"), answer="3.6") == 1
    assert grade_numeric(expected=Decimal("3.5"), tolerance=Decimal("0.1"), answer="3.61") == 0


def test_ordering_scores_the_share_of_items_in_place():
    assert grade_ordering(correct_order=[1, 2, 3, 4], answer=[1, 2, 3, 4]) == 1
    assert grade_ordering(correct_order=[1, 2, 3, 4], answer=[1, 2, 4, 3]) == Decimal("0.5")
    assert grade_ordering(correct_order=[1, 2, 3], answer=None) == 0


def test_matching_scores_the_share_of_pairs_matched():
    pairs = {1: "Định danh", 2: "Mã một lần"}
    assert grade_matching(pairs=pairs, answer={"1": "Định danh", "2": "Mã một lần"}) == 1
    assert grade_matching(pairs=pairs, answer={"1": "Định danh"}) == Decimal("0.5")
    assert grade_matching(pairs=pairs, answer={"1": "Mã một lần", "2": "Định danh"}) == 0


def test_hotspot_point_inside_any_rectangle_edges_included():
    regions = [(Decimal(10), Decimal(80), Decimal(80), Decimal(10))]
    assert grade_hotspot(regions=regions, answer={"x": 50, "y": 85}) == 1
    assert grade_hotspot(regions=regions, answer={"x": 10, "y": 90}) == 1
    assert grade_hotspot(regions=regions, answer={"x": 50, "y": 50}) == 0
    assert grade_hotspot(regions=regions, answer=None) == 0


def test_a_choice_fraction_is_partial_credit_and_an_empty_one_keeps_the_rule():
    weights = {1: None, 2: Decimal("0.5"), 3: None}
    assert grade_single(correct_ids={1}, answer=2, weights=weights) == Decimal("0.5")
    assert grade_single(correct_ids={1}, answer=1, weights=weights) == 1
    assert grade_single(correct_ids={1}, answer=3, weights=weights) == 0
    # multiple: an empty fraction is +1/n or −1/n, as before fractions existed
    assert grade_multiple(correct_ids={1, 2}, answer=[1, 3], weights={}) == 0
    assert grade_multiple(
        correct_ids={1, 2}, answer=[1, 3], weights={3: Decimal("-0.25")}
    ) == Decimal("0.25")


def test_a_zero_fraction_short_answer_is_wrong_and_a_star_matches_anything():
    accepted, weights = ["OTP", "mã OTP", "*"], [None, Decimal("0.5"), Decimal(0)]
    assert grade_short_text(accepted=accepted, answer="otp", weights=weights) == 1
    assert grade_short_text(accepted=accepted, answer="Mã  OTP", weights=weights) == Decimal("0.5")
    assert grade_short_text(accepted=accepted, answer="mật khẩu", weights=weights) == 0
    assert grade_short_text(accepted=["chữ ký*"], answer="chữ ký số") == 1


def test_numeric_takes_the_best_of_several_answers_within_their_tolerance():
    others = [
        ("6", Decimal(0), None),
        ("5", Decimal("0.5"), Decimal("0.5")),
        ("*", None, Decimal(0)),
    ]
    grade = lambda a: grade_numeric(  # noqa: E731
        expected=Decimal(6), tolerance=Decimal(0), answer=a, others=others
    )
    assert grade("6") == 1 and grade("4.6") == Decimal("0.5") and grade("99") == 0
    assert grade("NaN") == 0 and grade("Infinity") == 0
