"""The demo data: a real province tree, one account per role, idempotent."""

import pytest
from django.core.management import call_command

from people.models import Membership, OrgUnit, UnitRole, User

pytestmark = pytest.mark.django_db


def _counts():
    return (
        User.objects.count(),
        OrgUnit.objects.count(),
        Membership.objects.count(),
        UnitRole.objects.count(),
    )


def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    first = _counts()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == first


def test_seed_demo_builds_the_pilot_communes_and_every_role():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    names = set(OrgUnit.objects.values_list("name", flat=True))
    assert {"Tỉnh Đồng Nai", "Xã Long Phước", "Xã Bình Lợi", "Xã Bảo Hòa"} <= names
    assert User.objects.filter(is_superuser=True).exists()
    assert UnitRole.objects.filter(role="manager").exists()
    assert UnitRole.objects.filter(role="team_leader").exists()
    assert User.objects.filter(groups__name="Editors").exists()


def test_demo_accounts_can_log_in(client):
    from people.demo import ACCOUNTS, DEMO_PASSWORD

    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for _key, email, *_rest in ACCOUNTS:
        response = client.post("/tai-khoan/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        client.logout()
