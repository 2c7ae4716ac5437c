"""units_for(user) is the one place that decides scope: tests at the boundaries."""

import datetime

import pytest

from people.models import Membership, UnitRole
from people.selectors import can_see_member, members_for, units_for
from tests.factories import UserFactory, unit_create

pytestmark = pytest.mark.django_db


def role(user, unit, kind):
    UnitRole.objects.create(user=user, unit=unit, role=kind)
    return user


def test_superuser_sees_every_unit(tree):
    admin = UserFactory(is_superuser=True)
    assert units_for(admin).count() == 6


def test_manager_of_commune_a_sees_a_and_its_teams_only(tree):
    manager = role(UserFactory(), tree["a"], "manager")
    assert set(units_for(manager)) == {tree["a"], tree["a1"], tree["a2"]}
    assert tree["b"] not in units_for(manager)
    assert tree["b1"] not in units_for(manager)
    assert tree["province"] not in units_for(manager)


def test_team_leader_sees_only_their_team(tree):
    leader = role(UserFactory(), tree["a1"], "team_leader")
    assert list(units_for(leader)) == [tree["a1"]]


def test_scope_reaches_any_depth(tree):
    group = unit_create(name="Nhóm 1", code="LPH-1-1", kind="other", parent=tree["a1"])
    manager = role(UserFactory(), tree["a"], "manager")
    assert group in units_for(manager)


def test_path_prefix_does_not_leak_to_a_sibling_with_a_similar_path(tree):
    # treebeard paths are fixed-width steps, so "0001" never prefixes "00010" of a cousin:
    # the manager of team A1 sees nothing of team A2 even though they share a parent.
    leader = role(UserFactory(), tree["a1"], "team_leader")
    assert tree["a2"] not in units_for(leader)


def test_learner_and_anonymous_see_no_unit(tree):
    from django.contrib.auth.models import AnonymousUser

    learner = UserFactory()
    Membership.objects.create(user=learner, unit=tree["a1"])
    assert not units_for(learner).exists()
    assert not units_for(AnonymousUser()).exists()
    assert not units_for(None).exists()


def test_inactive_manager_sees_nothing(tree):
    manager = role(UserFactory(is_active=False), tree["a"], "manager")
    assert not units_for(manager).exists()


def test_members_for_manager_are_current_members_of_their_units(tree):
    manager = role(UserFactory(), tree["a"], "manager")
    inside = UserFactory(full_name="Trong xã")
    outside = UserFactory(full_name="Xã khác")
    former = UserFactory(full_name="Đã chuyển đi")
    Membership.objects.create(user=inside, unit=tree["a1"])
    Membership.objects.create(user=outside, unit=tree["b1"])
    Membership.objects.create(
        user=former,
        unit=tree["a2"],
        valid_from=datetime.date(2025, 7, 1),
        valid_to=datetime.date(2025, 12, 31),
    )
    assert list(members_for(manager)) == [inside]
    assert can_see_member(manager, inside)
    assert not can_see_member(manager, outside)
    assert list(members_for(manager, on=datetime.date(2025, 8, 1))) == [former]


def test_units_for_costs_two_queries_whatever_the_tree_size(tree, django_assert_max_num_queries):
    manager = role(UserFactory(), tree["a"], "manager")
    for n in range(30):
        unit_create(name=f"Tổ {n}", code=f"LPH-X{n}", kind="team", parent=tree["a"])
    with django_assert_max_num_queries(2):
        assert len(list(units_for(manager))) == 33
