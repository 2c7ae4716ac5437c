"""The learner's profile: every area, an accessible bar per competence, a table, a budget."""

import pytest
from django.urls import reverse

from competencies.models import Competence, Framework
from competencies.services import evidence_record

pytestmark = pytest.mark.django_db
URL = "/nang-luc/ho-so/"


def give_level(user, code, level, count=5):
    competence = Competence.objects.get(area__framework__code="vn-tt02-2025", code=code)
    for index in range(count):
        evidence_record(
            user=user,
            competence=competence,
            level=level,
            points=1,
            max_points=1,
            source_type="quiz_response",
            source_id=f"{user.pk}-{code}-{index}",
            item_key=f"question:{code}-{index}",
        )


def test_profile_url_is_mounted_under_nang_luc():
    assert reverse("competencies:profile") == URL


def test_profile_requires_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/tai-khoan/login/" in response["Location"]


def test_profile_shows_every_area_and_a_bar_with_title_and_desc_per_competence(client, learner):
    give_level(learner, "4.1", 3)
    client.force_login(learner)
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    framework = Framework.objects.get(code="vn-tt02-2025")
    for area in framework.areas.all():
        assert f"{area.code}. {area.name}" in html
    assert html.count('<svg class="cp-bar"') == 24
    assert html.count("<title id=") == 24 and html.count("<desc id=") == 24
    assert "Đạt Trung cấp 3 (bậc 3 trên 8)." in html
    assert html.count("<tr>") == 25  # header + one row per competence
    assert "Bạn đã đạt ít nhất bậc 1 ở 1 trên 24 năng lực." in html


def test_profile_suggests_the_weakest_competences(client, learner):
    for code in Competence.objects.filter(area__framework__code="vn-tt02-2025").values_list(
        "code", flat=True
    ):
        if code not in {"1.1", "6.3"}:
            give_level(learner, code, 2)
    client.force_login(learner)
    weakest = client.get(URL).context["weakest"]
    assert [status.competence.code for status in weakest][:2] == ["1.1", "6.3"]


def test_profile_shows_only_the_signed_in_learners_levels(client, learner):
    from tests.factories import UserFactory

    other = UserFactory()
    give_level(other, "4.1", 5)
    client.force_login(learner)
    assert "Đạt Nâng cao 5" not in client.get(URL).content.decode()


def test_profile_is_in_english_when_the_learner_chooses_english(client, learner):
    client.force_login(learner)
    client.cookies["lang"] = "en"
    html = client.get(URL).content.decode()
    assert "Data and information literacy" in html


def test_profile_query_count_does_not_grow_with_evidence(
    client, learner, django_assert_max_num_queries
):
    client.force_login(learner)
    with django_assert_max_num_queries(10):
        client.get(URL)
    for code in ["1.1", "1.2", "2.3", "4.1", "4.2", "5.1"]:
        give_level(learner, code, 4, count=10)
    with django_assert_max_num_queries(10):
        client.get(URL)
