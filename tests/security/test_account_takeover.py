"""Finding 1 of issue 29: a commune manager pulled another commune's member into their own
team (the membership form offered every user of the site) and then printed that person's
login card, whose set-password link let anyone take the account over."""

import datetime

import pytest
from bs4 import BeautifulSoup

from people.models import Membership, UnitRole
from tests.factories import UserFactory

from .conftest import client_for

NEW_MEMBERSHIP = "/admin/thanh_vien/new/"


def _card(pk: int) -> str:
    return f"/nguoi-dung/thanh-vien/{pk}/the-dang-nhap/"


@pytest.fixture
def manager_a(world):
    return client_for(world, "manager_a")


def test_the_membership_form_offers_only_people_inside_the_managers_units(world, manager_a):
    response = manager_a.get(NEW_MEMBERSHIP)
    offered = set(response.context["form"].fields["user"].queryset)
    users = world.users
    assert users["learner_a"] in offered and users["card_member"] in offered
    for outsider in ("learner_b", "manager_b", "editor", "admin"):
        assert users[outsider] not in offered, outsider
    select = BeautifulSoup(response.content, "html.parser").find("select", attrs={"name": "user"})
    options = {option["value"] for option in select.find_all("option") if option["value"]}
    assert options == {str(person.pk) for person in offered}


def test_a_manager_cannot_add_another_communes_member_to_their_team(world, manager_a):
    victim = world.users["learner_b"]
    response = manager_a.post(
        NEW_MEMBERSHIP,
        {"user": victim.pk, "unit": world.units["x"].pk, "valid_from": "2026-02-01"},
    )
    assert response.status_code == 200
    assert "không thuộc đơn vị bạn quản lý" in str(response.context["form"].errors["user"])
    assert not Membership.objects.filter(user=victim, unit=world.units["x"]).exists()
    assert manager_a.get(_card(victim.pk)).status_code == 404


def test_editing_a_membership_cannot_swap_in_another_person(world, manager_a):
    membership = Membership.objects.get(user=world.users["card_member"])
    victim = world.users["learner_b"]
    response = manager_a.post(
        f"/admin/thanh_vien/edit/{membership.pk}/",
        {"user": victim.pk, "unit": world.units["x"].pk, "valid_from": "2026-01-01"},
    )
    assert response.status_code in (200, 302)
    membership.refresh_from_db()
    assert membership.user == world.users["card_member"]
    assert not Membership.objects.filter(user=victim, unit=world.units["x"]).exists()


def test_no_login_card_for_someone_who_also_belongs_to_another_commune(world, manager_a):
    """A membership in team X (made by an administrator, or before this fix) is not enough:
    every current membership must lie in the viewer's units."""
    victim = world.users["learner_b"]
    Membership.objects.create(
        user=victim, unit=world.units["x"], valid_from=datetime.date(2026, 1, 2)
    )
    assert manager_a.get(_card(victim.pk)).status_code == 404
    assert client_for(world, "team_leader").get(_card(victim.pk)).status_code == 404


def test_no_login_card_for_staff_or_managers_even_inside_the_units(world, manager_a):
    since = datetime.date(2026, 1, 2)
    other_manager = world.users["manager_b"]
    Membership.objects.filter(user=other_manager).update(unit=world.units["x"])
    staff = UserFactory(username="can-bo", is_staff=True)
    Membership.objects.create(user=staff, unit=world.units["x"], valid_from=since)
    for person in (other_manager, staff, world.users["manager_a"]):
        assert manager_a.get(_card(person.pk)).status_code == 404, person


def test_a_team_leader_gets_no_card_for_a_co_leader_but_the_manager_does(world):
    co_leader = UserFactory(username="totruong-2")
    co_leader.set_unusable_password()
    co_leader.save()
    Membership.objects.create(user=co_leader, unit=world.units["x"], valid_from=world_since())
    UnitRole.objects.create(user=co_leader, unit=world.units["x"], role="team_leader")
    assert client_for(world, "team_leader").get(_card(co_leader.pk)).status_code == 404
    assert client_for(world, "manager_a").get(_card(co_leader.pk)).status_code == 200


def test_the_card_of_a_member_inside_the_units_still_works(world, manager_a):
    member = world.users["card_member"]
    response = client_for(world, "team_leader").get(_card(member.pk))
    assert response.status_code == 200 and response.context["set_password_url"]
    assert manager_a.get(_card(member.pk)).status_code == 200
    members = client_for(world, "team_leader").get("/nguoi-dung/thanh-vien/").content.decode()
    assert _card(member.pk) in members
    assert _card(world.users["team_leader"].pk) not in members  # their own: not a card


def world_since() -> datetime.date:
    return datetime.date(2026, 1, 2)
