"""Editors' side: page-type rules, workflow, rich text cleaned with bleach."""

import pytest
from wagtail.models import Page, Workflow
from wagtail.rich_text import RichText

from courses.blocks import CleanRichTextBlock
from courses.models import CourseIndexPage, CoursePage, LessonPage
from courses.sanitize import clean_html
from lms.models import HomePage

pytestmark = pytest.mark.django_db


def test_page_type_rules_catalogue_course_lesson():
    assert CourseIndexPage.clean_subpage_models() == [CoursePage]
    assert LessonPage in CoursePage.clean_subpage_models()
    assert LessonPage.clean_parent_page_models() == [CoursePage]
    assert CoursePage.clean_parent_page_models() == [CourseIndexPage]
    assert CourseIndexPage.can_create_at(HomePage()) is True


@pytest.mark.parametrize(
    "dirty",
    [
        '<p>Xin chào<script>alert("x")</script></p>',
        '<p><a href="javascript:alert(1)">bấm</a></p>',
        '<p onclick="alert(1)">Xin chào</p>',
        "<style>p{display:none}</style><p>Xin chào</p>",
        '<p><img src="x" onerror="alert(1)">Xin chào</p>',
    ],
)
def test_script_and_javascript_links_are_removed_from_rich_text(dirty):
    cleaned = clean_html(dirty)
    for bad in ("script", "javascript:", "onclick", "onerror", "style", "alert", "<img"):
        assert bad not in cleaned
    block = CleanRichTextBlock()
    assert "javascript:" not in block.get_prep_value(RichText(dirty))
    assert "script" not in block.to_python(dirty).source


def test_rich_text_keeps_wagtail_internal_links_and_formatting():
    html = '<p><b>Đậm</b> <a linktype="page" id="3">trang</a> <a href="https://dichvucong.gov.vn">DVC</a></p>'
    assert clean_html(html) == html


def test_a_course_can_be_submitted_to_the_default_workflow(course, learner):
    workflow = Workflow.objects.get(name="Moderators approval")
    workflow.workflow_pages.get_or_create(page=Page.objects.get(pk=course.get_parent().pk))
    course.save_revision(user=learner)
    state = workflow.start(course, learner)
    assert state.status == "in_progress"
    assert CoursePage.objects.get(pk=course.pk).workflow_in_progress


def test_course_page_lists_the_competences_it_targets(client):
    from competencies.models import Competence
    from courses.models import CourseCompetence
    from lms.demo import seed as seed_home
    from tests.factories import course_create, course_index_create

    index = course_index_create(home=seed_home())
    course = course_create(index=index, title="Khóa an toàn", slug="khoa-an-toan", lessons=1)
    competence = Competence.objects.get(code="4.2", area__framework__is_primary=True)
    CourseCompetence.objects.create(course=course, competence=competence, target_level=3)
    html = client.get(course.url).content.decode()
    assert "Năng lực số hướng tới" in html
    assert competence.name in html


def test_a_competence_a_course_targets_cannot_be_deleted():
    from django.db.models import ProtectedError

    from competencies.models import Competence
    from courses.models import CourseCompetence
    from lms.demo import seed as seed_home
    from tests.factories import course_create, course_index_create

    index = course_index_create(home=seed_home())
    course = course_create(index=index, title="Khóa", slug="khoa", lessons=1)
    competence = Competence.objects.get(code="4.1", area__framework__is_primary=True)
    CourseCompetence.objects.create(course=course, competence=competence)
    with pytest.raises(ProtectedError):
        competence.delete()


def test_competence_profile_suggests_courses_that_target_the_weakest_competences(client, learner):
    from competencies.models import Competence
    from courses.models import CourseCompetence
    from lms.demo import seed as seed_home
    from tests.factories import course_create, course_index_create

    index = course_index_create(home=seed_home())
    safety = course_create(index=index, title="An toàn thông tin", slug="an-toan", lessons=1)
    other = course_create(index=index, title="Lập trình cơ bản", slug="lap-trinh", lessons=1)
    weakest = Competence.objects.get(code="1.1", area__framework__is_primary=True)
    CourseCompetence.objects.create(course=safety, competence=weakest)
    CourseCompetence.objects.create(
        course=other,
        competence=Competence.objects.get(code="3.4", area__framework__is_primary=True),
    )
    client.force_login(learner)
    html = client.get("/nang-luc/ho-so/").content.decode()
    assert "Khóa học giúp bạn nâng các năng lực này:" in html
    assert f'href="{safety.url}"' in html
    assert f'href="{other.url}"' not in html


def test_catalogue_filters_by_targeted_competence_and_ignores_a_bad_value(client):
    from competencies.models import Competence
    from courses.models import CourseCompetence
    from lms.demo import seed as seed_home
    from tests.factories import course_create, course_index_create

    index = course_index_create(home=seed_home())
    safety = course_create(index=index, title="Bảo vệ dữ liệu", slug="bao-ve", lessons=1)
    course_create(index=index, title="Ký số văn bản", slug="ky-so", lessons=1)
    privacy = Competence.objects.get(code="4.2", area__framework__is_primary=True)
    CourseCompetence.objects.create(course=safety, competence=privacy)

    filtered = client.get(index.url, {"nang-luc": privacy.pk}).content.decode()
    assert "Bảo vệ dữ liệu" in filtered and "Ký số văn bản" not in filtered
    assert f'<option value="{privacy.pk}" selected>4.2 {privacy.name}</option>' in filtered
    for bad in ("abc", "999999", "<script>"):
        response = client.get(index.url, {"nang-luc": bad})
        assert response.status_code == 200
        assert "Ký số văn bản" in response.content.decode()  # unfiltered
