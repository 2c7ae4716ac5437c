"""The level rule at its boundaries: 5 distinct items, 80 % of the points, latest answer counts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from competencies.rules import EvidenceFact, attained_level, latest_per_item

T0 = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)


def fact(item, level, points, max_points=1, minutes=0, id=0):
    return EvidenceFact(
        item_key=item,
        level=level,
        points=Decimal(str(points)),
        max_points=Decimal(str(max_points)),
        at=T0 + timedelta(minutes=minutes),
        id=id,
    )


def correct_items(count, level, prefix="q"):
    return [fact(f"{prefix}{i}", level, 1) for i in range(count)]


def test_no_evidence_means_level_zero():
    assert attained_level([]) == 0


def test_four_questions_are_not_enough_five_are():
    assert attained_level(correct_items(4, level=2)) == 0
    assert attained_level(correct_items(5, level=2)) == 2


def test_the_same_question_answered_five_times_counts_once():
    answers = [fact("q1", 3, 1, minutes=i) for i in range(5)]
    assert attained_level(answers) == 0


def test_79_percent_of_the_points_is_not_enough():
    points = [20, 20, 20, 19, 0]  # 79 of 100
    assert attained_level([fact(f"q{i}", 1, p, 20) for i, p in enumerate(points)]) == 0


def test_80_percent_of_the_points_is_enough():
    points = [20, 20, 20, 20, 0]  # 80 of 100
    assert attained_level([fact(f"q{i}", 1, p, 20) for i, p in enumerate(points)]) == 1


def test_partial_points_count_not_only_right_or_wrong():
    points = ["0.8"] * 5  # every answer 80 % right
    assert attained_level([fact(f"q{i}", 4, p) for i, p in enumerate(points)]) == 4


def test_latest_answer_counts_not_an_older_better_one():
    earlier = correct_items(5, level=3)
    retaken = fact("q0", 3, 0, minutes=10)
    retaken_again = fact("q1", 3, 0, minutes=10)
    assert attained_level(earlier) == 3
    assert attained_level([*earlier, retaken]) == 3  # 4 of 5 = 80 %
    assert attained_level([*earlier, retaken, retaken_again]) == 0  # 3 of 5


def test_latest_answer_counts_not_an_older_worse_one():
    first_try = [fact(f"q{i}", 2, 0) for i in range(5)]
    second_try = [fact(f"q{i}", 2, 1, minutes=5) for i in range(5)]
    assert attained_level([*second_try, *first_try]) == 2


def test_ties_in_time_are_broken_by_the_later_record():
    same_time = [fact("q1", 1, 1, id=1), fact("q1", 1, 0, id=2)]
    assert latest_per_item(same_time)[0].points == 0


def test_evidence_at_higher_levels_counts_towards_lower_levels():
    mixed = correct_items(2, level=2, prefix="a") + correct_items(3, level=5, prefix="b")
    assert attained_level(mixed) == 2  # 5 items at level ≥ 2, only 3 at level ≥ 5


def test_highest_level_that_meets_the_rule_wins():
    lows = [fact(f"a{i}", 1, 0) for i in range(5)]  # failed at level 1
    highs = correct_items(5, level=6, prefix="b")
    # at level ≥ 6: 5 of 5 right; the failures at level 1 do not pull it down
    assert attained_level([*lows, *highs]) == 6


def test_failing_harder_questions_can_still_leave_a_lower_level():
    easy = correct_items(8, level=1, prefix="e")
    hard = [fact(f"h{i}", 3, 0) for i in range(5)]
    # level ≥ 3: 0 %; level ≥ 1: 8 of 13 = 61.5 % → nothing
    assert attained_level([*easy, *hard]) == 0
    many_easy = correct_items(20, level=1, prefix="e")
    # level ≥ 1: 20 of 25 = 80 % → level 1
    assert attained_level([*many_easy, *hard]) == 1
