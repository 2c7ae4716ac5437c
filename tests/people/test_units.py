"""Unit tree changes: add, move, merge (dated membership keeps the past true)."""

import datetime

import pytest

from people.models import Membership, OrgUnit, UnitRole
from people.services import unit_create, unit_merge, unit_merge_plan, unit_move
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

JULY = datetime.date(2025, 7, 1)


def test_unit_create_adds_under_a_parent(tree):
    team = unit_create(name="Tổ ấp 3", code="LPH-3", kind="team", parent=tree["a"])
    assert team.get_parent() == tree["a"]


def test_unit_move_takes_the_subtree_along(tree):
    unit_move(unit=tree["a1"], parent=tree["b"])
    moved = OrgUnit.objects.get(code="LPH-1")
    assert moved.get_parent().code == "BLO"


def test_unit_cannot_move_under_itself(tree):
    with pytest.raises(ValueError):
        unit_move(unit=tree["a"], parent=OrgUnit.objects.get(code="LPH-1"))


def test_merge_closes_old_memberships_opens_new_ones_and_marks_the_unit(tree):
    member = UserFactory()
    Membership.objects.create(user=member, unit=tree["a2"], valid_from=JULY)
    leader = UserFactory()
    UnitRole.objects.create(user=leader, unit=tree["a2"], role="team_leader")
    plan = unit_merge(source=tree["a2"], target=tree["a1"])
    assert [m.user for m in plan.members] == [member]
    old = Membership.objects.get(user=member, unit=tree["a2"])
    assert old.valid_to is not None
    assert Membership.objects.current().get(user=member).unit == tree["a1"]
    # Last year's report still counts the member in the old team.
    assert (
        Membership.objects.current(on=datetime.date(2025, 8, 1)).get(user=member).unit == tree["a2"]
    )
    assert OrgUnit.objects.get(pk=tree["a2"].pk).merged_into_id == tree["a1"].pk
    assert UnitRole.objects.get(user=leader).unit == tree["a1"]


def test_merge_into_itself_or_below_is_refused(tree):
    with pytest.raises(ValueError):
        unit_merge_plan(source=tree["a"], target=tree["a1"])
    with pytest.raises(ValueError):
        unit_merge_plan(source=tree["a"], target=tree["a"])
