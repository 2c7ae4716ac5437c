"""Learner views of a quiz: thin, state changes on POST only; the rules live in services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .answers import AnswerError, parse_answer, raw_from_form
from .models import AttemptState, QuizPage, Response
from .selectors import attempt_for, attempt_review, question_screen, screen_count
from .services import QuizError, answer_save, attempt_finish, attempt_start

ERROR_STATUS = {"late": 409, "stale": 409, "finished": 409}


def _screen_of(request, source=None) -> int:
    try:
        return max(1, int((source or request.GET).get("cau", 1)))
    except (TypeError, ValueError):
        return 1


def _attempt_url(attempt, screen: int = 1) -> str:
    url = reverse("quizzes:attempt", args=[attempt.pk])
    return f"{url}?cau={screen}" if screen > 1 else url


@login_required
@require_POST
def attempt_start_view(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage.objects.live(), pk=quiz_id)
    try:
        attempt = attempt_start(user=request.user, quiz=quiz)
    except QuizError as error:
        messages.error(request, error.messages[0])
        return redirect(quiz.url)
    return redirect(_attempt_url(attempt))


def _render_screen(request, attempt, screen: int, *, error: str = "", status: int = 200):
    questions = question_screen(attempt=attempt, screen=screen)
    screens = screen_count(attempt)
    now = timezone.now()
    seconds_left = None
    if attempt.deadline:
        seconds_left = max(0, int((attempt.deadline - now).total_seconds()))
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "questions": questions,
        "screen": min(screen, screens),
        "screens": screens,
        "screen_numbers": range(1, screens + 1),
        "overdue": attempt.is_overdue(now),
        "seconds_left": seconds_left,
        "time_left": f"{seconds_left // 60}:{seconds_left % 60:02d}"
        if seconds_left is not None
        else "",
        "error": error,
    }
    return render(request, "quizzes/attempt.html", context, status=status)


@login_required
@require_GET
def attempt_view(request, attempt_id: int):
    attempt = attempt_for(user=request.user, attempt_id=attempt_id)
    if attempt.state != AttemptState.IN_PROGRESS:
        return redirect("quizzes:result", attempt.pk)
    return _render_screen(request, attempt, _screen_of(request))


def _sequence_of(data) -> int:
    try:
        return int(data.get("sequence", ""))
    except (TypeError, ValueError):
        raise AnswerError(_("Thiếu số thứ tự lần lưu; hãy tải lại trang.")) from None


def _question_of(attempt, value) -> dict:
    try:
        entry = attempt.entry_for(int(value))
    except (TypeError, ValueError):
        entry = None
    if entry is None:
        raise AnswerError(_("Câu hỏi này không thuộc lần làm bài."))
    return entry


@login_required
@require_POST
def answer_save_view(request, attempt_id: int):
    """Save one answer sent by quiz.js; a small JSON answer either way."""
    attempt = attempt_for(user=request.user, attempt_id=attempt_id)
    try:
        entry = _question_of(attempt, request.POST.get("question"))
        sequence = answer_save(
            attempt=attempt,
            question_id=entry["id"],
            raw=raw_from_form(entry, request.POST),
            sequence=_sequence_of(request.POST),
        )
    except AnswerError as error:
        return JsonResponse({"ok": False, "error": str(error)}, status=400)
    except QuizError as error:
        return JsonResponse(
            {"ok": False, "error": error.messages[0], "code": error.code},
            status=ERROR_STATUS.get(error.code, 400),
        )
    return JsonResponse({"ok": True, "sequence": sequence, "message": _("Đã lưu")})


def _posted_entries(attempt, data) -> list[dict]:
    """The questions a screen's form names, each once: a form repeating `question=<id>`
    2,000 times names one question, and no form may name more than the attempt holds."""
    values = list(dict.fromkeys(data.getlist("question")))
    if len(values) > len(attempt.layout):
        raise AnswerError(_("Biểu mẫu gửi quá nhiều câu hỏi; hãy tải lại trang."))
    entries = {}
    for value in values:
        entry = _question_of(attempt, value)
        entries[entry["id"]] = entry  # "7" and "07" are one question
    return list(entries.values())


def _save_posted(attempt, data) -> None:
    """Save the answers of one screen posted without JavaScript; unchanged ones are skipped.
    At most one write per question of the attempt, whatever the form repeats."""
    entries = _posted_entries(attempt, data)
    if not entries:
        return
    stored = dict(
        Response.objects.filter(
            attempt=attempt, question_id__in=[e["id"] for e in entries]
        ).values_list("question_id", "answer")
    )
    sequence = _sequence_of(data)
    for entry in entries:
        raw = raw_from_form(entry, data)
        answer = parse_answer(entry, raw)
        if answer == stored.get(entry["id"]):
            continue
        sequence = answer_save(attempt=attempt, question_id=entry["id"], raw=raw, sequence=sequence)
        stored[entry["id"]] = answer


@login_required
@require_POST
def screen_save_view(request, attempt_id: int):
    """The form of a question screen without JavaScript: save, then go where asked."""
    attempt = attempt_for(user=request.user, attempt_id=attempt_id)
    screen = _screen_of(request, request.POST)
    if attempt.state != AttemptState.IN_PROGRESS:
        messages.info(request, _("Bạn đã nộp bài này rồi. Kết quả được giữ nguyên."))
        return redirect("quizzes:result", attempt.pk)
    try:
        _save_posted(attempt, request.POST)
    except AnswerError as error:
        return _render_screen(request, attempt, screen, error=str(error), status=400)
    except QuizError as error:
        return _render_screen(
            request,
            attempt,
            screen,
            error=error.messages[0],
            status=ERROR_STATUS.get(error.code, 400),
        )
    target = request.POST.get("go", "")
    if target.isdigit():
        screen = int(target)
    messages.success(request, _("Đã lưu"))
    return HttpResponseRedirect(_attempt_url(attempt, screen))


@login_required
@require_POST
def attempt_finish_view(request, attempt_id: int):
    """Save what this screen carries (before the deadline), then finish and grade once."""
    attempt = attempt_for(user=request.user, attempt_id=attempt_id)
    if attempt.state == AttemptState.IN_PROGRESS and not attempt.is_overdue():
        try:
            _save_posted(attempt, request.POST)
        except AnswerError as error:
            screen = _screen_of(request, request.POST)
            return _render_screen(request, attempt, screen, error=str(error), status=400)
        except QuizError as error:
            if error.code != "stale":
                messages.warning(request, error.messages[0])
            else:
                return _render_screen(
                    request,
                    attempt,
                    _screen_of(request, request.POST),
                    error=error.messages[0],
                    status=409,
                )
    try:
        attempt_finish(attempt=attempt)
    except QuizError as error:
        messages.info(request, error.messages[0])
    else:
        messages.success(request, _("Đã nộp bài."))
    return redirect("quizzes:result", attempt.pk)


@login_required
@require_GET
def attempt_result_view(request, attempt_id: int):
    attempt = attempt_for(user=request.user, attempt_id=attempt_id)
    if attempt.state == AttemptState.IN_PROGRESS:
        return redirect(_attempt_url(attempt))
    return render(request, "quizzes/result.html", attempt_review(attempt=attempt))
