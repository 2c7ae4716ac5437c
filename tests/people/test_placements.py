"""The unit tree on a past day: moves keep where a unit sat before (people.placements)."""

import datetime

import pytest
from django.utils import timezone

from people.models import UnitPlacement
from people.placements import tree_on
from people.services import unit_merge, unit_move
from tests.factories import unit_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def tree():
    province = unit_create(name="Tỉnh Lào Cai", code="LC", kind="province")
    a = unit_create(name="Xã Bản Hồ", code="BH", parent=province)
    b = unit_create(name="Xã Tả Van", code="TV", parent=province)
    c = unit_create(name="Xã Mường Hoa", code="MH", parent=province)
    team = unit_create(name="Tổ thôn Bản Dền", code="BD", kind="team", parent=a)
    return {"province": province, "a": a, "b": b, "c": c, "team": team}


def days_ago(n: int) -> datetime.date:
    return TODAY() - datetime.timedelta(days=n)


def test_a_move_keeps_the_old_parent_for_the_days_before(tree):
    unit_move(unit=tree["team"], parent=tree["b"])

    before = tree_on(days_ago(1))
    assert before.parent[tree["team"].pk] == tree["a"].pk
    assert [unit.name for unit in before.children_of(tree["a"].pk)] == ["Tổ thôn Bản Dền"]
    assert before.children_of(tree["b"].pk) == []
    assert tree_on(TODAY()) is None  # today is the tree itself
    placement = UnitPlacement.objects.get()
    assert (placement.parent, placement.valid_from, placement.valid_to) == (
        tree["a"],
        None,
        TODAY(),
    )


def test_two_moves_on_different_days_give_each_day_its_parent(tree):
    unit_move(unit=tree["team"], parent=tree["b"])
    UnitPlacement.objects.update(valid_to=days_ago(10))  # as if the first move was 10 days ago
    unit_move(unit=tree["team"], parent=tree["c"])

    second = UnitPlacement.objects.order_by("valid_to").last()
    assert (second.parent, second.valid_from, second.valid_to) == (tree["b"], days_ago(10), TODAY())
    assert tree_on(days_ago(20)).parent[tree["team"].pk] == tree["a"].pk
    assert tree_on(days_ago(5)).parent[tree["team"].pk] == tree["b"].pk
    assert tree_on(days_ago(10)).parent[tree["team"].pk] == tree["b"].pk  # moved that morning


def test_a_second_move_the_same_day_keeps_the_days_start(tree):
    unit_move(unit=tree["team"], parent=tree["b"])
    unit_move(unit=tree["team"], parent=tree["c"])

    assert UnitPlacement.objects.count() == 1
    assert tree_on(days_ago(1)).parent[tree["team"].pk] == tree["a"].pk


def test_a_move_to_the_same_parent_records_nothing(tree):
    unit_move(unit=tree["team"], parent=tree["a"])

    assert not UnitPlacement.objects.exists()


def test_a_merge_keeps_the_source_communes_teams_under_it_for_past_days(tree):
    unit_merge(source=tree["a"], target=tree["b"])

    past = tree_on(days_ago(1))
    assert past.subtree_ids(tree["a"].pk) == [tree["a"].pk, tree["team"].pk]
    assert past.subtree_ids(tree["b"].pk) == [tree["b"].pk]
    assert past.branch_of(tree["team"].pk, tree["province"].pk) == tree["a"].pk
    assert past.branch_of(tree["team"].pk, tree["b"].pk) is None
    assert past.branch_of(tree["a"].pk, tree["a"].pk) == tree["a"].pk


def test_without_moves_a_past_day_costs_one_query_and_today_none(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert tree_on(days_ago(30)) is None
    with django_assert_num_queries(0):
        assert tree_on(TODAY()) is None
