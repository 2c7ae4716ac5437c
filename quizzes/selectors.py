"""Reads of the quizzes app. What a question screen shows is built here from safe fields only:
no `is_correct`, no `match` pairing, no region, no feedback ever reaches the template before
the review policy allows it."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import JSONField, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from courses.selectors import learner_state

from .models import (
    Attempt,
    AttemptState,
    Choice,
    Layout,
    Question,
    QuizPage,
    Response,
    ReviewPolicy,
)

IMAGE_FILTER = "max-800x1600|format-webp|webpquality-75"


@dataclass
class ScreenChoice:
    id: int
    text: str


@dataclass
class ScreenQuestion:
    """A question as a learner may see it while answering."""

    id: int
    number: int
    type: str
    text: str
    image: object | None
    image_alt: str
    points: Decimal
    choices: list[ScreenChoice]
    matches: list[str]
    answer: object = None

    @property
    def selected(self) -> set:
        if isinstance(self.answer, list):
            return set(self.answer)
        return {self.answer} if self.answer is not None else set()

    @property
    def ordered_choices(self) -> list[ScreenChoice]:
        """Ordering questions: the learner's order when saved, else the frozen shuffled one."""
        if self.type == "ordering" and isinstance(self.answer, list):
            by_id = {choice.id: choice for choice in self.choices}
            return [by_id[i] for i in self.answer if i in by_id]
        return self.choices

    def match_for(self, choice_id: int) -> str:
        return (self.answer or {}).get(str(choice_id), "") if isinstance(self.answer, dict) else ""


@dataclass
class ReviewItem:
    question: Question
    number: int
    response: Response | None
    show_correctness: bool
    show_answers: bool
    choices: list[Choice] = field(default_factory=list)

    @property
    def correct(self) -> bool:
        return bool(self.response and self.response.correct)

    @property
    def answer(self):
        return self.response.answer if self.response else None

    def _text(self, choice_id) -> str:
        return next((c.text for c in self.choices if c.pk == choice_id), "?")

    @property
    def answer_display(self) -> str:
        """The learner's answer in words."""
        answer, kind = self.answer, self.question.type
        if answer is None:
            return ""
        if kind in ("single", "true_false"):
            return self._text(answer)
        if kind == "multiple":
            return ", ".join(self._text(i) for i in answer)
        if kind == "ordering":
            return " → ".join(self._text(i) for i in answer)
        if kind == "matching":
            return "; ".join(f"{self._text(int(k))} – {v}" for k, v in answer.items())
        if kind == "hotspot":
            return _("điểm (%(x)s%%, %(y)s%%) trên ảnh") % answer
        return str(answer)

    @property
    def correct_display(self) -> str:
        """The correct answer in words (shown only when the review policy allows it)."""
        question, kind = self.question, self.question.type
        by_order = sorted(self.choices, key=lambda c: c.sort_order or 0)
        if kind in ("single", "true_false", "multiple"):
            return ", ".join(c.text for c in self.choices if c.is_correct)
        if kind == "short_text":
            return " / ".join(c.text for c in by_order)
        if kind == "numeric":
            if question.numeric_tolerance:
                return f"{question.numeric_answer.normalize()} ± {question.numeric_tolerance.normalize()}"
            return str(question.numeric_answer.normalize())
        if kind == "ordering":
            return " → ".join(c.text for c in by_order)
        if kind == "matching":
            return "; ".join(f"{c.text} – {c.match}" for c in by_order)
        if kind == "hotspot":
            return ", ".join(r.label or str(r) for r in question.regions.all())
        return ""


def attempt_for(*, user, attempt_id: int) -> Attempt:
    """The user's own attempt, or 404 (another learner's id looks like a missing one)."""
    attempt = get_object_or_404(Attempt.objects.select_related("quiz"), pk=attempt_id, user=user)
    attempt.user = user  # the attempt's own learner, already in hand: no query to read it again
    return attempt


def screen_count(attempt: Attempt) -> int:
    if attempt.quiz.layout == Layout.ALL_ON_ONE:
        return 1
    return max(1, len(attempt.layout))


def question_screen(*, attempt: Attempt, screen: int) -> list[ScreenQuestion]:
    """The questions of one screen (1-based) with the learner's saved answers: 3 queries."""
    layout = attempt.layout
    if attempt.quiz.layout == Layout.ONE_PER_SCREEN:
        screen = min(max(screen, 1), max(len(layout), 1))
        entries = layout[screen - 1 : screen]
        first_number = screen
    else:
        entries = layout
        first_number = 1
    ids = [entry["id"] for entry in entries]
    saved = Response.objects.filter(attempt=attempt, question=OuterRef("pk")).values("answer")
    renditions = get_image_model().get_rendition_model().objects.filter(filter_spec=IMAGE_FILTER)
    questions = {
        question.pk: question
        for question in Question.objects.filter(pk__in=ids)
        .only("pk", "type", "text", "image", "image_alt", "points")
        .select_related("image")
        .annotate(saved_answer=Subquery(saved[:1], output_field=JSONField()))
        .prefetch_related(
            Prefetch("choices", queryset=Choice.objects.only("pk", "text", "question_id")),
            Prefetch("image__renditions", queryset=renditions),
        )
    }
    screen_questions = []
    for offset, entry in enumerate(entries):
        question = questions.get(entry["id"])
        if question is None:
            continue
        texts = {choice.pk: choice.text for choice in question.choices.all()}
        screen_questions.append(
            ScreenQuestion(
                id=question.pk,
                number=first_number + offset,
                type=question.type,
                text=question.text,
                image=question.image,
                image_alt=question.image_alt,
                points=question.points,
                choices=[ScreenChoice(i, texts[i]) for i in entry["choices"] if i in texts],
                matches=list(entry.get("matches", [])),
                answer=question.saved_answer,
            )
        )
    return screen_questions


def review_level(attempt: Attempt, now=None) -> str:
    """What the learner may see of a finished attempt: "score", "wrong" or "full"."""
    if attempt.state == AttemptState.IN_PROGRESS:
        return "none"
    policy = attempt.quiz.review_policy
    if policy == ReviewPolicy.AFTER_CLOSE:
        closes = attempt.quiz.closes_at
        return "full" if closes and (now or timezone.now()) >= closes else "score"
    return {ReviewPolicy.SCORE: "score", ReviewPolicy.WRONG: "wrong"}.get(policy, "full")


def attempt_review(*, attempt: Attempt) -> dict:
    """The result page: score, and per question what the review policy allows."""
    level = review_level(attempt)
    items = []
    if level in ("wrong", "full"):
        questions = {
            q.pk: q
            for q in Question.objects.filter(pk__in=attempt.question_ids)
            .select_related("image")
            .prefetch_related("choices", "regions")
        }
        responses = {r.question_id: r for r in Response.objects.filter(attempt=attempt)}
        for number, question_id in enumerate(attempt.question_ids, start=1):
            question = questions.get(question_id)
            if question is None:
                continue
            entry = attempt.entry_for(question_id) or {}
            by_id = {choice.pk: choice for choice in question.choices.all()}
            order = entry.get("choices") or list(by_id)
            items.append(
                ReviewItem(
                    question=question,
                    number=number,
                    response=responses.get(question_id),
                    show_correctness=True,
                    show_answers=level == "full",
                    choices=[by_id[i] for i in order if i in by_id],
                )
            )
    return {"attempt": attempt, "quiz": attempt.quiz, "level": level, "items": items}


def quiz_page_for(*, quiz: QuizPage, user) -> dict:
    """The quiz's landing page: the learner's attempts and whether they may start another."""
    course = quiz.get_course_for(user)
    state = learner_state(course, user)
    attempts = []
    if user.is_authenticated:
        attempts = list(Attempt.objects.filter(user=user, quiz=quiz).order_by("number"))
    in_progress = next((a for a in attempts if a.state == AttemptState.IN_PROGRESS), None)
    used = len(attempts)
    now = timezone.now()
    reason = ""
    if not user.is_authenticated:
        reason = _("Hãy đăng nhập để làm bài kiểm tra.")
    elif not state.enrollment:
        reason = _("Hãy đăng ký khóa học để làm bài kiểm tra.")
    elif quiz.opens_at and now < quiz.opens_at:
        reason = _("Bài kiểm tra chưa mở.")
    elif quiz.closes_at and now >= quiz.closes_at:
        reason = _("Bài kiểm tra đã đóng.")
    elif in_progress is None and quiz.max_attempts and used >= quiz.max_attempts:
        reason = _("Bạn đã làm hết số lần cho phép.")
    best = max((a.score for a in attempts if a.score is not None), default=None)
    return {
        "course": course,
        "state": state,
        "attempts": attempts,
        "in_progress": in_progress,
        "cannot_start_reason": reason,
        "best_score": best,
        "attempts_left": (quiz.max_attempts - used) if quiz.max_attempts else None,
    }
