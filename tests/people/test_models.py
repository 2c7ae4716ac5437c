"""People model rules that hold from the first migration."""

import datetime

import pytest
from django.db import IntegrityError

from people.models import Membership
from tests.factories import UserFactory, unit_create

pytestmark = pytest.mark.django_db


def test_email_is_unique_ignoring_case():
    UserFactory(email="lan@example.com")
    with pytest.raises(IntegrityError):
        UserFactory(email="LAN@example.com")


def test_many_users_may_have_no_email_or_no_phone():
    UserFactory(email="", phone="+84912345678")
    UserFactory(email="", phone="+84912345679")
    UserFactory(email="a@example.com", phone="")
    UserFactory(email="b@example.com", phone="")


def test_phone_is_unique():
    UserFactory(phone="+84912345678")
    with pytest.raises(IntegrityError):
        UserFactory(phone="+84912345678")


def test_unit_tree_has_any_depth():
    province = unit_create(name="Tỉnh Đồng Nai", code="DNA", kind="province")
    commune = unit_create(name="Xã Long Phước", code="LPH", parent=province)
    team = unit_create(name="Tổ ấp 1", code="LPH-1", kind="team", parent=commune)
    sub = unit_create(name="Nhóm 1", code="LPH-1-1", kind="other", parent=team)
    assert sub.get_depth() == 4
    assert list(province.get_descendants()) == [commune, team, sub]


def test_membership_is_dated():
    unit = unit_create(name="Xã Bình Lợi", code="BLO")
    user = UserFactory()
    Membership.objects.create(
        user=user,
        unit=unit,
        valid_from=datetime.date(2025, 7, 1),
        valid_to=datetime.date(2026, 1, 1),
    )
    assert Membership.objects.current(on=datetime.date(2025, 12, 31)).count() == 1
    assert Membership.objects.current(on=datetime.date(2026, 1, 1)).count() == 0


def test_membership_cannot_end_before_it_starts():
    unit = unit_create(name="Xã Bảo Hòa", code="BHO")
    with pytest.raises(IntegrityError):
        Membership.objects.create(
            user=UserFactory(),
            unit=unit,
            valid_from=datetime.date(2026, 1, 1),
            valid_to=datetime.date(2025, 1, 1),
        )
