"""Demo quizzes: a real quiz at the end of each demo course, built from `demo_content`, with a
hotspot question on a phone screen drawn by the seed, and one failed then one passed attempt
for the demo learner. Idempotent: a second run finds everything in place and changes nothing."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from competencies.models import Competence
from courses.demo import drawn_screen_image
from courses.models import CoursePage, Enrollment
from people.demo import editors_group_grant
from people.models import User

from .demo_content import BUTTON_REGION, QUIZZES
from .models import (
    Choice,
    HotspotRegion,
    Question,
    QuestionCategory,
    QuizPage,
    QuizQuestion,
    ReviewPolicy,
)
from .services import answer_save, attempt_finish, attempt_start

LEARNER_EMAIL = "hocvien@example.com"


def _screen_image(key: str, title: str, button: str, instruction: str, number: int):
    return drawn_screen_image(
        image_title=f"Câu hỏi chạm ảnh: {key}",
        filename=f"cau-hoi-{key}.png",
        title=title,
        button=button,
        instruction=instruction,
        number=number,
    )


def _question(category, spec, competences: dict, key: str) -> Question:
    kind, text, choices, extra = spec
    question = Question(
        category=category,
        type=kind,
        text=f"<p>{text}</p>",
        feedback=extra.get("feedback", ""),
        ignore_diacritics=extra.get("ignore_diacritics", False),
    )
    code = extra.get("competence")
    if code and code in competences:
        question.competence = competences[code]
        question.level = extra.get("level", 1)
    if kind == "numeric":
        question.numeric_answer = Decimal(extra["numeric_answer"])
        question.numeric_tolerance = Decimal(extra.get("tolerance", "0"))
    if kind == "hotspot":
        question.image = _screen_image(key, *extra["screen"])
        question.image_alt = extra["alt"]
    question.full_clean()
    question.save()
    rows = []
    for order, choice in enumerate(choices):
        if kind == "matching":
            rows.append(
                Choice(question=question, sort_order=order, text=choice[0], match=choice[1])
            )
        elif kind in ("ordering", "short_text"):
            rows.append(Choice(question=question, sort_order=order, text=choice, is_correct=True))
        else:
            rows.append(
                Choice(question=question, sort_order=order, text=choice[0], is_correct=choice[1])
            )
    Choice.objects.bulk_create(rows)
    if kind == "hotspot":
        HotspotRegion.objects.create(question=question, label=extra["region"], **BUTTON_REGION)
    return question


def _quiz(course: CoursePage, spec: dict) -> QuizPage:
    existing = QuizPage.objects.child_of(course).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    category, _created = QuestionCategory.objects.get_or_create(name=spec["category"])
    competences = {c.code: c for c in Competence.objects.filter(area__framework__is_primary=True)}
    questions = [
        _question(category, question, competences, f"{spec['slug']}-{number}")
        for number, question in enumerate(spec["questions"], start=1)
    ]
    quiz = QuizPage(
        title=spec["title"],
        slug=spec["slug"],
        intro="Làm bài để kiểm tra những gì bạn đã học. Mỗi câu trả lời được lưu ngay.",
        pass_mark=70,
        time_limit_minutes=spec["time_limit_minutes"],
        max_attempts=3,
        shuffle_choices=True,
        review_policy=ReviewPolicy.FULL,
        estimated_minutes=spec["time_limit_minutes"],
    )
    course.add_child(instance=quiz)
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, sort_order=order)
        for order, question in enumerate(questions)
    )
    quiz.save_revision().publish()
    return quiz


def full_marks_answer(question: Question):
    """The raw answer that earns full marks on a question (demo attempts, browser tests)."""
    choices = sorted(question.choices.all(), key=lambda c: c.sort_order)
    kind = question.type
    if kind in ("single", "true_false"):
        return next(c.pk for c in choices if c.is_correct)
    if kind == "multiple":
        return [c.pk for c in choices if c.is_correct]
    if kind == "short_text":
        return choices[0].text
    if kind == "numeric":
        return str(question.numeric_answer)
    if kind == "ordering":
        return [c.pk for c in choices]
    if kind == "matching":
        return {str(c.pk): c.match for c in choices}
    region = question.regions.first()
    return {"x": float(region.left + region.width / 2), "y": float(region.top + region.height / 2)}


def _learner_attempts(quiz: QuizPage) -> None:
    learner = User.objects.filter(email__iexact=LEARNER_EMAIL).first()
    course = quiz.get_parent()
    if learner is None or not Enrollment.objects.filter(user=learner, course=course).exists():
        return
    if quiz.attempts.filter(user=learner).exists():
        return
    started = timezone.now() - datetime.timedelta(days=2)
    for right_answers, day in ((4, 0), (None, 1)):  # a fail (4 of 10 right), then a pass
        now = started + datetime.timedelta(days=day)
        attempt = attempt_start(user=learner, quiz=quiz, now=now)
        questions = {
            q.pk: q
            for q in Question.objects.filter(pk__in=attempt.question_ids).prefetch_related(
                "choices", "regions"
            )
        }
        sequence = 0
        for index, question_id in enumerate(attempt.question_ids):
            if right_answers is not None and index >= right_answers:
                break
            sequence = answer_save(
                attempt=attempt,
                question_id=question_id,
                raw=full_marks_answer(questions[question_id]),
                sequence=sequence,
                now=now + datetime.timedelta(minutes=1),
            )
        attempt_finish(attempt=attempt, now=now + datetime.timedelta(minutes=8))


@transaction.atomic
def seed() -> list[QuizPage]:
    quizzes = []
    for course_slug, spec in QUIZZES.items():
        course = CoursePage.objects.filter(slug=course_slug).first()
        if course is None:
            continue
        quizzes.append(_quiz(course, spec))
    for quiz in quizzes:
        if quiz.get_parent().slug == "an-toan-thong-tin":
            _learner_attempts(quiz)
    # The README's editor keeps the question bank: edit, import, export.
    every = ("add", "change", "delete", "view")
    editors_group_grant("quizzes", {"question": every, "questioncategory": every})
    return quizzes
