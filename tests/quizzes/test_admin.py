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


def question_form(category, kind: str, choices: list[tuple[str, bool, str]], regions=0):
    from wagtail.admin.panels import get_edit_handler

    from quizzes.models import Question

    form_class = get_edit_handler(Question).get_form_class()
    data = {
        "type": kind,
        "category": category.pk,
        "points": "1",
        "text": '{"blocks": [{"key": "a", "text": "Câu hỏi?", "type": "unstyled", '
        '"depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}',
        "numeric_tolerance": "0",
        "status": "ready",
        "penalty": "0.3333333",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "regions-TOTAL_FORMS": "0",
        "regions-INITIAL_FORMS": "0",
        "regions-MIN_NUM_FORMS": "0",
        "regions-MAX_NUM_FORMS": "1000",
    }
    for i, (text, correct, match) in enumerate(choices):
        data[f"choices-{i}-text"] = text
        data[f"choices-{i}-match"] = match
        data[f"choices-{i}-ORDER"] = str(i + 1)
        if correct:
            data[f"choices-{i}-is_correct"] = "on"
    return form_class(data, instance=Question(), for_user=UserFactory(is_superuser=True))


@pytest.mark.parametrize(
    ("kind", "choices", "valid"),
    [
        ("single", [("A", True, ""), ("B", False, "")], True),
        ("single", [("A", False, ""), ("B", False, "")], False),
        ("single", [("A", True, ""), ("B", True, "")], False),
        ("multiple", [("A", False, ""), ("B", False, "")], False),
        ("matching", [("A", False, "1"), ("B", False, "")], False),
        ("matching", [("A", False, "1"), ("B", False, "2")], True),
        ("short_text", [], False),
        ("hotspot", [], False),
    ],
)
def test_editor_cannot_save_a_question_that_cannot_be_answered_right(
    category, kind, choices, valid
):
    form = question_form(category, kind, choices)
    assert form.is_valid() is valid, form.errors
