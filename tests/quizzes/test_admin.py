"""The question bank in the Wagtail admin: listed, searchable, filterable by type and category."""

import pytest
from django.urls import reverse

from tests.factories import QuestionCategoryFactory, UserFactory, question_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_question_bank_filters_by_type_and_category_and_searches_text(editor_client):
    signatures = QuestionCategoryFactory(name="Chữ ký số")
    safety = QuestionCategoryFactory(name="An toàn thông tin")
    question_create(category=signatures, text="<p>Ai cấp chữ ký số chuyên dùng?</p>")
    question_create(type="true_false", category=safety, text="<p>Mã OTP được chia sẻ?</p>")
    url = reverse("wagtailsnippets_quizzes_question:list")
    by_type = editor_client.get(url, {"type": "true_false"}).content.decode()
    assert "Mã OTP được chia sẻ?" in by_type and "Ai cấp chữ ký số" not in by_type
    by_category = editor_client.get(url, {"category": signatures.pk}).content.decode()
    assert "Ai cấp chữ ký số" in by_category and "Mã OTP" not in by_category
    searched = editor_client.get(url, {"q": "OTP"}).content.decode()
    assert "Mã OTP được chia sẻ?" in searched and "Ai cấp chữ ký số" not in searched


def test_question_text_is_cleaned_against_the_allow_list_on_save(category):
    question = question_create(
        category=category,
        text='<p onclick="x()">Chọn <b>một</b></p><script>alert(1)</script><img src=x>',
    )
    question.refresh_from_db()
    assert question.text == "<p>Chọn <b>một</b></p>"


def test_quiz_page_can_be_created_under_a_course_only():
    from courses.models import CourseIndexPage, CoursePage
    from quizzes.models import QuizPage

    assert QuizPage in CoursePage.clean_subpage_models()
    assert QuizPage not in CourseIndexPage.clean_subpage_models()
