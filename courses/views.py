"""Learner and manager actions. State changes only on POST; pages are Wagtail pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail import hooks

from people.models import UnitRole

from .forms import CourseAssignForm
from .models import CoursePage, LessonPage
from .selectors import (
    can_download_for_offline,
    learner_state,
    manager_units_for,
    my_learning_for,
    offline_pages_for,
)
from .services import course_assign, enrollment_create, lesson_complete


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _wants_json(request) -> bool:
    # Not request.accepts(): a browser's form post accepts */* and wants the HTML page.
    return request.headers.get("Accept", "").startswith("application/json")


@require_POST
@login_required
def course_enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    try:
        enrollment_create(user=request.user, course=course)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Bạn đã đăng ký khóa học. Chúc bạn học tốt!"))
    return redirect(course.get_url(request))


@require_POST
@login_required
def lesson_complete_view(request, lesson_id: int):
    lesson = get_object_or_404(
        LessonPage.objects.only("pk", "path", "depth", "live", "url_path"), pk=lesson_id
    )
    url = lesson.get_url()  # no request: the cached site root paths, no site lookup
    as_json = _wants_json(request)
    try:
        completed_course = lesson_complete(user=request.user, lesson=lesson)
    except ValidationError as error:
        if as_json:
            return JsonResponse({"ok": False, "error": _error_text(error)}, status=400)
        messages.error(request, _error_text(error))
        return redirect(url)
    if completed_course:
        message = _("Chúc mừng! Bạn đã hoàn thành cả khóa học.")
    else:
        message = _("Bạn đã hoàn thành bài học.")
    if as_json:  # the offline queue's request (static/js/offline.js): no flash message
        return JsonResponse({"ok": True, "completed_course": completed_course, "message": message})
    messages.success(request, message)
    return redirect(f"{url}#ket-thuc-bai")


@require_GET
def course_offline_pages(request, course_id: int):
    """The URLs to store for reading a course offline (static/js/offline-download.js)."""
    course = get_object_or_404(CoursePage.objects.live().with_learner(request.user), pk=course_id)
    if any(not r.accept_request(request) for r in course.get_view_restrictions()):
        raise PermissionDenied
    if not can_download_for_offline(course, learner_state(course, request.user)):
        raise PermissionDenied
    response = JsonResponse(
        {
            "course": course.pk,
            "title": course.title,
            "pages": offline_pages_for(course=course, user=request.user),
        }
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
@login_required
def my_learning(request):
    context = my_learning_for(request.user)
    # Team leaders and managers reach their tools from here (one query).
    context["unit_roles"] = set(
        UnitRole.objects.filter(user=request.user, unit__merged_into__isnull=True).values_list(
            "role", flat=True
        )
    )
    # Apps above this one (certificates) tell the learner news through a hook: this app never
    # imports them. Each hook takes the user and returns [{"text", "url", "link_text"}, …].
    context["notices"] = [
        notice
        for notices_for in hooks.get_hooks("my_learning_notices")
        for notice in notices_for(request.user)
    ]
    return render(request, "courses/my_learning.html", context)


@require_http_methods(["GET", "POST"])
@login_required
def course_assign_view(request):
    if not manager_units_for(request.user).exists():
        raise PermissionDenied
    form = CourseAssignForm(request.POST or None, manager=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = course_assign(
                manager=request.user,
                course=form.cleaned_data["course"],
                unit=form.cleaned_data["unit"],
                learners=form.cleaned_data["learners"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Đã giao khóa học cho %(count)s người học mới.") % {"count": created},
            )
            return redirect("courses:assign")
    return render(request, "courses/assign.html", {"form": form})
