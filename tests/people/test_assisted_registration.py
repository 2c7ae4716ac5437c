"""A team leader registers a member without e-mail and prints a login card."""

import pytest
from django.urls import reverse

from people.models import Membership, UnitRole, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/nguoi-dung/thanh-vien/dang-ky/"


@pytest.fixture
def leader(tree, client):
    user = UserFactory(full_name="Trần Văn Hùng")
    UnitRole.objects.create(user=user, unit=tree["a1"], role="team_leader")
    client.force_login(user)
    return user


def data(unit, **overrides):
    return {
        "full_name": "Nguyễn Thị Tư",
        "phone": "",
        "birth_year": "1955",
        "audience": "team_member",
        "unit": str(unit.pk),
        **overrides,
    }


def test_leader_registers_a_member_without_email_or_phone(client, tree, leader):
    response = client.post(REGISTER, data(tree["a1"]))
    member = User.objects.get(full_name="Nguyễn Thị Tư")
    assert response.status_code == 302
    assert response.url == reverse("people:login_card", kwargs={"pk": member.pk})
    assert member.username == "nguyenthitu"
    assert member.email == "" and member.phone == ""
    assert not member.has_usable_password()
    assert member.profile.birth_year == 1955
    assert Membership.objects.current().get(user=member).unit == tree["a1"]


def test_login_card_shows_username_and_a_one_time_link_that_sets_the_password(client, tree, leader):
    client.post(REGISTER, data(tree["a1"], phone="0987 654 321"))
    member = User.objects.get(phone="+84987654321")
    card = client.get(reverse("people:login_card", kwargs={"pk": member.pk}))
    html = card.content.decode()
    assert "nguyenthitu" in html and "+84987654321" in html
    link = card.context["set_password_url"]
    assert "/tai-khoan/password/reset/key/" in link
    assert '<svg class="qr-svg" role="img"' in html  # the same link as a QR code, printed

    member_client = client.__class__()
    path = link.replace("http://testserver", "")
    response = member_client.get(path)
    assert response.status_code == 302  # allauth moves the key into the session
    response = member_client.post(
        response.url, {"password1": "vuon-rau-sach-2026", "password2": "vuon-rau-sach-2026"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("vuon-rau-sach-2026")
    # The link was for one use only.
    again = member_client.get(path, follow=True)
    assert again.context.get("token_fail") is True


def test_leader_cannot_register_into_another_team(client, tree, leader):
    response = client.post(REGISTER, data(tree["b1"]))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not User.objects.filter(full_name="Nguyễn Thị Tư").exists()


def test_leader_cannot_open_the_card_of_someone_outside_their_team(client, tree, leader):
    stranger = UserFactory()
    Membership.objects.create(user=stranger, unit=tree["b1"])
    response = client.get(reverse("people:login_card", kwargs={"pk": stranger.pk}))
    assert response.status_code == 404


def test_learner_cannot_reach_assisted_registration(client, tree):
    client.force_login(UserFactory())
    assert client.get(REGISTER).status_code == 403
    assert client.get(reverse("people:team_members")).status_code == 403


def test_taken_phone_and_malformed_phone_are_refused(client, tree, leader):
    UserFactory(phone="+84987654321")
    response = client.post(REGISTER, data(tree["a1"], phone="0987654321"))
    assert response.context["form"].errors["phone"] == ["Số điện thoại này đã có tài khoản."]
    response = client.post(REGISTER, data(tree["a1"], phone="0987"))
    assert response.context["form"].errors["phone"][0].startswith("Số điện thoại không hợp lệ")


def test_second_member_with_the_same_name_gets_another_username(client, tree, leader):
    client.post(REGISTER, data(tree["a1"]))
    client.post(REGISTER, data(tree["a1"]))
    names = sorted(
        User.objects.filter(full_name="Nguyễn Thị Tư").values_list("username", flat=True)
    )
    assert names[0] == "nguyenthitu" and names[1].startswith("nguyenthitu") and len(set(names)) == 2


def test_manager_registers_into_any_team_of_their_commune(client, tree):
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=tree["a"], role="manager")
    client.force_login(manager)
    assert client.post(REGISTER, data(tree["a2"])).status_code == 302
    assert client.post(REGISTER, data(tree["b1"])).status_code == 200
