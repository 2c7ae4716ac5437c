"""The seeded frameworks: Circular 02/2025 (6 domains, 24 competences, 8 steps), DigComp 2.2."""

import pytest

from competencies.models import Competence, CompetenceMapping, Framework
from competencies.services import frameworks_seed

pytestmark = pytest.mark.django_db


def _shape(code):
    framework = Framework.objects.get(code=code)
    return (
        framework.areas.count(),
        Competence.objects.of_framework(framework).count(),
        list(framework.levels.values_list("number", flat=True)),
    )


def test_vietnamese_framework_has_six_domains_24_competences_eight_steps():
    assert _shape("vn-tt02-2025") == (6, 24, [1, 2, 3, 4, 5, 6, 7, 8])
    framework = Framework.objects.get(code="vn-tt02-2025")
    assert framework.is_primary
    assert list(framework.areas.values_list("name", flat=True)) == [
        "Khai thác dữ liệu và thông tin",
        "Giao tiếp và hợp tác trong môi trường số",
        "Sáng tạo nội dung số",
        "An toàn",
        "Giải quyết vấn đề",
        "Ứng dụng trí tuệ nhân tạo",
    ]
    bands = list(framework.levels.values_list("name", flat=True))
    assert bands == [
        "Cơ bản 1",
        "Cơ bản 2",
        "Trung cấp 3",
        "Trung cấp 4",
        "Nâng cao 5",
        "Nâng cao 6",
        "Chuyên sâu 7",
        "Chuyên sâu 8",
    ]


def test_digcomp_has_five_areas_21_competences_eight_levels_in_english_and_vietnamese():
    assert _shape("digcomp-2-2") == (5, 21, [1, 2, 3, 4, 5, 6, 7, 8])
    first = Competence.objects.get(area__framework__code="digcomp-2-2", code="1.1")
    assert first.name_en == (
        "Browsing, searching and filtering data, information and digital content"
    )
    assert first.name
    assert not Competence.objects.filter(area__framework__code="digcomp-2-2", name_en="").exists()
    levels = Framework.objects.get(code="digcomp-2-2").levels
    assert levels.get(number=1).band_en == "Foundation"
    assert levels.get(number=8).band_en == "Highly specialised"


def test_online_public_services_map_to_digcomp_citizenship_and_safety_to_4x():
    pairs = set(CompetenceMapping.objects.values_list("competence_a__code", "competence_b__code"))
    assert ("2.3", "2.3") in pairs
    assert {("4.1", "4.1"), ("4.2", "4.2"), ("4.3", "4.3"), ("4.4", "4.4")} <= pairs
    citizenship = CompetenceMapping.objects.get(
        competence_a__area__framework__code="vn-tt02-2025", competence_a__code="2.3"
    )
    assert citizenship.competence_b.name_en.startswith("Engaging in citizenship")


def test_seeding_twice_changes_nothing():
    before = (
        Framework.objects.count(),
        Competence.objects.count(),
        CompetenceMapping.objects.count(),
    )
    frameworks_seed()
    frameworks_seed()
    after = (
        Framework.objects.count(),
        Competence.objects.count(),
        CompetenceMapping.objects.count(),
    )
    assert before == after == (2, 45, 21)
