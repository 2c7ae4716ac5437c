"""Admin screens for units and members: scoped by units_for, 404 outside the scope."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from people.models import Membership, OrgUnit, UnitRole
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(tree, client):
    user = UserFactory(full_name="Lê Minh Tuấn")
    UnitRole.objects.create(user=user, unit=tree["a"], role="manager")
    group, _ = Group.objects.get_or_create(name="Quản lý đơn vị")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    return user


def test_manager_sees_only_their_commune_in_the_unit_tree(client, tree, manager):
    response = client.get(reverse("don_vi:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Xã Long Phước" in html and "Tổ ấp Bến Cam" in html
    assert "Xã Bình Lợi" not in html and "Tổ ấp 1" not in html


def test_manager_editing_the_url_to_another_commune_gets_404(client, tree, manager):
    for name in ("don_vi:edit", "don_vi:delete"):
        assert client.get(reverse(name, args=[tree["b"].pk])).status_code == 404
    assert client.get(reverse("people_unit_merge", args=[tree["b1"].pk])).status_code == 404
    stranger = Membership.objects.create(user=UserFactory(), unit=tree["b1"])
    assert client.get(reverse("thanh_vien:edit", args=[stranger.pk])).status_code == 404


def test_manager_cannot_manage_users_or_roles(client, tree, manager):
    assert client.get("/admin/users/").status_code in (302, 403)
    assert client.get(reverse("vai_tro:index")).status_code in (302, 403)


def test_manager_adds_a_team_under_their_commune_only(client, tree, manager):
    response = client.post(
        reverse("don_vi:add"),
        {"name": "Tổ ấp 3", "kind": "team", "code": "LPH-3", "parent": str(tree["a"].pk)},
    )
    assert response.status_code == 302
    assert OrgUnit.objects.get(code="LPH-3").get_parent() == tree["a"]
    response = client.post(
        reverse("don_vi:add"),
        {"name": "Tổ lạ", "kind": "team", "code": "BLO-9", "parent": str(tree["b"].pk)},
    )
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(code="BLO-9").exists()


def test_rename_and_move_a_unit(client, tree, manager):
    response = client.post(
        reverse("don_vi:edit", args=[tree["a2"].pk]),
        {
            "name": "Tổ ấp Phước Hòa mới",
            "kind": "team",
            "code": "LPH-2",
            "parent": str(tree["a1"].pk),
        },
    )
    assert response.status_code == 302
    unit = OrgUnit.objects.get(code="LPH-2")
    assert unit.name == "Tổ ấp Phước Hòa mới"
    assert unit.get_parent().code == "LPH-1"


def test_merge_shows_what_moves_then_merges_on_post(client, tree, manager):
    member = UserFactory(full_name="Bà Tư")
    Membership.objects.create(user=member, unit=tree["a2"])
    url = reverse("people_unit_merge", args=[tree["a2"].pk])
    response = client.get(url, {"target": tree["a1"].pk})
    html = response.content.decode()
    assert "Bà Tư" in html and "Xác nhận gộp" in html
    assert OrgUnit.objects.get(pk=tree["a2"].pk).merged_into is None  # GET changes nothing
    response = client.post(url, {"target": tree["a1"].pk, "confirm": "1"})
    assert response.status_code == 302
    assert OrgUnit.objects.get(pk=tree["a2"].pk).merged_into_id == tree["a1"].pk


def test_merge_into_a_unit_outside_the_scope_is_refused(client, tree, manager):
    url = reverse("people_unit_merge", args=[tree["a2"].pk])
    response = client.post(url, {"target": tree["b1"].pk, "confirm": "1"})
    assert response.status_code == 200
    assert OrgUnit.objects.get(pk=tree["a2"].pk).merged_into is None


def test_superuser_sees_the_whole_tree_indented(client, tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    html = client.get(reverse("don_vi:index")).content.decode()
    assert "— — Tổ ấp 1" in html and "Tỉnh Đồng Nai" in html


def test_unit_tree_links_each_unit_to_its_merge_screen(client, tree, manager):
    html = client.get(reverse("don_vi:index")).content.decode()
    assert reverse("people_unit_merge", args=[tree["a"].pk]) in html
    assert reverse("people_unit_merge", args=[tree["b"].pk]) not in html
