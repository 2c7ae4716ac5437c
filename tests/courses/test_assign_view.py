"""The manager's assignment page: a unit or chosen learners, inside the manager's scope only."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Enrollment
from people.models import Membership, UnitRole
from tests.factories import UserFactory, unit_create

pytestmark = pytest.mark.django_db
URL = "/hoc/giao-khoa-hoc/"


@pytest.fixture
def scope():
    province = unit_create(name="Tỉnh Đồng Nai", code="T", kind="province")
    commune = unit_create(name="Xã Long Phước", code="T-LP", parent=province)
    other = unit_create(name="Xã Bình Lợi", code="T-BL", parent=province)
    commune.refresh_from_db()
    manager = UserFactory()
    UnitRole.objects.create(user=manager, unit=commune, role="manager")
    return {"commune": commune, "other": other, "manager": manager}


def member(unit, **fields):
    user = UserFactory(**fields)
    Membership.objects.create(user=user, unit=unit, valid_from=datetime.date(2025, 7, 1))
    return user


def due():
    return (timezone.localdate() + datetime.timedelta(days=30)).isoformat()


def test_manager_assigns_a_course_to_their_unit(client, course, scope):
    learners = [member(scope["commune"]) for _ in range(3)]
    client.force_login(scope["manager"])
    response = client.post(URL, {"course": course.pk, "unit": scope["commune"].pk, "due_on": due()})
    assert response.status_code == 302
    assert Enrollment.objects.filter(course=course, user__in=learners).count() == 3


def test_manager_assigns_chosen_learners_by_phone_email_or_username(client, course, scope):
    by_phone = member(scope["commune"], phone="+84912000001", email="")
    by_email = member(scope["commune"], email="lan.le@example.com")
    by_username = member(scope["commune"], username="dna-lph-t1-9", email="")
    client.force_login(scope["manager"])
    lines = "0912 000 001\nLAN.LE@example.com\n\ndna-lph-t1-9\n"
    response = client.post(URL, {"course": course.pk, "learners": lines, "due_on": due()})
    assert response.status_code == 302
    enrolled = set(Enrollment.objects.filter(course=course).values_list("user_id", flat=True))
    assert enrolled == {by_phone.pk, by_email.pk, by_username.pk}
    assert set(Enrollment.objects.values_list("source", flat=True)) == {"assigned"}


def test_an_unknown_person_assigns_nobody(client, course, scope):
    member(scope["commune"], email="co.that@example.com")
    client.force_login(scope["manager"])
    lines = "co.that@example.com\nkhong.co@example.com"
    response = client.post(URL, {"course": course.pk, "learners": lines, "due_on": due()})
    assert response.status_code == 200
    assert "khong.co@example.com" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_a_learner_of_another_commune_assigns_nobody(client, course, scope):
    inside = member(scope["commune"], email="trong@example.com")
    outside = member(scope["other"], email="ngoai@example.com")
    client.force_login(scope["manager"])
    lines = f"{inside.email}\n{outside.email}"
    response = client.post(URL, {"course": course.pk, "learners": lines, "due_on": due()})
    assert response.status_code == 200
    refusal = "Không tìm thấy trong các đơn vị bạn quản lý: ngoai@example.com."
    assert refusal in response.content.decode()
    assert not Enrollment.objects.exists()


def test_another_communes_unit_id_is_refused(client, course, scope):
    member(scope["other"])
    client.force_login(scope["manager"])
    response = client.post(URL, {"course": course.pk, "unit": scope["other"].pk, "due_on": due()})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Enrollment.objects.exists()


def test_unit_and_learners_together_or_neither_is_a_form_error(client, course, scope):
    learner = member(scope["commune"], email="mot@example.com")
    client.force_login(scope["manager"])
    both = {"course": course.pk, "unit": scope["commune"].pk, "learners": learner.email}
    assert client.post(URL, {**both, "due_on": due()}).status_code == 200
    neither = client.post(URL, {"course": course.pk, "due_on": due()})
    assert neither.status_code == 200
    assert "Hãy chọn một đơn vị hoặc ít nhất một người học." in neither.content.decode()
    assert not Enrollment.objects.exists()


def test_a_due_date_in_the_past_is_refused(client, course, scope):
    member(scope["commune"])
    client.force_login(scope["manager"])
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = client.post(
        URL, {"course": course.pk, "unit": scope["commune"].pk, "due_on": yesterday}
    )
    assert response.status_code == 200
    assert "Hạn hoàn thành phải từ hôm nay trở đi." in response.content.decode()
    assert not Enrollment.objects.exists()


def test_someone_who_manages_no_unit_gets_403(client, learner):
    client.force_login(learner)
    assert client.get(URL).status_code == 403
