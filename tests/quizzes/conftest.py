"""Fixtures of the quizzes tests: a course with a quiz of every question type, an enrolled
learner."""

import io
from decimal import Decimal

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from courses.services import enrollment_create
from quizzes.models import HotspotRegion
from tests.factories import (
    QuestionCategoryFactory,
    course_create,
    course_index_create,
    question_create,
    quiz_create,
)


def image_create(title: str = "Màn hình ứng dụng"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 400), "white").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name="man-hinh.png")
    )


def all_types(category) -> list:
    """One question of each type, with known correct answers."""
    hotspot = question_create(
        type="hotspot",
        category=category,
        image=image_create(),
        image_alt="Màn hình có nút Ký số ở dưới",
        text="<p>Chạm vào nút Ký số.</p>",
    )
    HotspotRegion.objects.create(
        question=hotspot, label="Nút Ký số", left=10, top=80, width=80, height=10
    )
    return [
        question_create(type="single", category=category),
        question_create(
            type="multiple",
            category=category,
            choices=[
                ("A đúng", True),
                ("B đúng", True),
                ("C sai", False),
            ],
        ),
        question_create(type="true_false", category=category),
        question_create(
            type="short_text",
            category=category,
            choices=[("chữ ký số", True)],
            ignore_diacritics=True,
        ),
        question_create(
            type="numeric",
            category=category,
            numeric_answer=Decimal("6"),
            numeric_tolerance=Decimal("0"),
        ),
        question_create(
            type="ordering",
            category=category,
            choices=[
                ("Mở ứng dụng", True),
                ("Đăng nhập", True),
                ("Ký", True),
            ],
        ),
        question_create(
            type="matching",
            category=category,
            choices=[
                {"text": "VNeID", "match": "Định danh điện tử"},
                {"text": "OTP", "match": "Mã dùng một lần"},
            ],
        ),
        hotspot,
    ]


@pytest.fixture
def catalogue(home_page):
    return course_index_create(home=home_page)


@pytest.fixture
def course(catalogue):
    return course_create(index=catalogue, title="Chữ ký số", slug="chu-ky-so", lessons=1)


@pytest.fixture
def category(db):
    return QuestionCategoryFactory(name="Chữ ký số")


@pytest.fixture
def questions(category):
    return all_types(category)


@pytest.fixture
def quiz(course, questions):
    return quiz_create(course=course, questions=questions, shuffle_choices=False)


@pytest.fixture
def enrolled(learner, course):
    enrollment_create(user=learner, course=course)
    return learner


def correct_answers(attempt) -> dict:
    """The raw answer that earns full marks for each question of an attempt (by type)."""
    from quizzes.models import Question

    answers = {}
    for question in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
        "choices"
    ):
        choices = list(question.choices.all())
        kind = question.type
        if kind in ("single", "true_false"):
            answers[question.pk] = next(c.pk for c in choices if c.is_correct)
        elif kind == "multiple":
            answers[question.pk] = [c.pk for c in choices if c.is_correct]
        elif kind == "short_text":
            answers[question.pk] = "  CHU KY SO "
        elif kind == "numeric":
            answers[question.pk] = "6"
        elif kind == "ordering":
            answers[question.pk] = [c.pk for c in sorted(choices, key=lambda c: c.sort_order)]
        elif kind == "matching":
            answers[question.pk] = {str(c.pk): c.match for c in choices}
        elif kind == "hotspot":
            answers[question.pk] = {"x": 50, "y": 85}
    return answers
