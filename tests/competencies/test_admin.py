"""Frameworks are edited in the Wagtail admin; a competence in use cannot be deleted."""

import pytest
from django.urls import reverse

from competencies.models import Competence, Evidence
from competencies.services import evidence_record
from tests.factories import CompetenceFactory, UserFactory, question_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    return client


def test_admin_lists_the_seeded_competences_under_nang_luc_so(admin_client):
    response = admin_client.get(reverse("nang_luc:index"))
    assert response.status_code == 200
    assert "Tham gia với tư cách công dân thông qua công nghệ số" in response.content.decode()
    menu = admin_client.get("/admin/").content.decode()
    assert "/admin/khung_nang_luc/" in menu and "/admin/nang_luc/" in menu


def test_deleting_a_competence_with_evidence_is_refused_with_a_count(admin_client, learner):
    competence = CompetenceFactory()
    for index in range(3):
        evidence_record(
            user=learner,
            competence=competence,
            level=1,
            points=1,
            max_points=1,
            source_type="quiz_response",
            source_id=str(index),
            item_key=f"question:{index}",
        )
    url = reverse("nang_luc:delete", args=[competence.pk])
    page = admin_client.get(url).content.decode()
    assert "Không thể xóa" in page and "3 minh chứng năng lực" in page
    response = admin_client.post(url)
    assert response.status_code == 200
    assert "3 minh chứng năng lực" in response.content.decode()
    assert Competence.objects.filter(pk=competence.pk).exists()
    assert Evidence.objects.count() == 3


def test_deleting_an_unused_competence_works(admin_client):
    competence = CompetenceFactory()
    response = admin_client.post(reverse("nang_luc:delete", args=[competence.pk]))
    assert response.status_code == 302
    assert not Competence.objects.filter(pk=competence.pk).exists()


def test_deleting_an_area_that_has_competences_is_refused_not_a_500(admin_client):
    competence = CompetenceFactory()
    response = admin_client.post(reverse("mien_nang_luc:delete", args=[competence.area.pk]))
    assert response.status_code == 200
    assert "1 năng lực thành phần" in response.content.decode()


def test_competence_code_must_start_with_its_area_code(admin_client):
    competence = CompetenceFactory()
    response = admin_client.post(
        reverse("nang_luc:edit", args=[competence.pk]),
        {"area": competence.area.pk, "code": "9.9", "name": "Sai mã", "order": 0},
    )
    assert response.status_code == 200
    assert "Mã năng lực phải bắt đầu bằng mã miền" in response.content.decode()


def test_evidence_is_read_only_in_the_admin(admin_client):
    assert admin_client.get(reverse("minh_chung_nang_luc:add")).status_code in (302, 403)


def test_deleting_a_competence_questions_point_at_is_refused_with_their_count(admin_client):
    competence = CompetenceFactory()
    for _ in range(2):
        question_create(competence=competence, level=2)
    url = reverse("nang_luc:delete", args=[competence.pk])
    response = admin_client.post(url)
    assert response.status_code == 200
    assert "2 câu hỏi" in response.content.decode()
    assert Competence.objects.filter(pk=competence.pk).exists()
