"""Wagtail admin views of quizzes beyond the snippets: item statistics, import and export."""

import secrets

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .bank_services import ImportRefused, draft_problem, questions_import
from .exports import category_to_gift, category_to_moodle_xml, questions_to_xlsx
from .formats import Item, Reading, read_upload
from .imports import parse_xlsx
from .models import Question, QuestionCategory, QuestionType, QuizPage
from .statistics import quiz_statistics

MAX_IMPORT_BYTES = 5 * 1024 * 1024
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _editable_quizzes(user):
    return [
        quiz
        for quiz in QuizPage.objects.order_by("title")
        if quiz.permissions_for_user(user).can_edit()
    ]


@require_GET
def statistics_index(request):
    return render(
        request, "quizzes/admin/statistics_index.html", {"quizzes": _editable_quizzes(request.user)}
    )


@require_GET
def statistics_view(request, quiz_id: int):
    quiz = get_object_or_404(QuizPage, pk=quiz_id)
    if not quiz.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return render(request, "quizzes/admin/statistics.html", quiz_statistics(quiz))


class ImportForm(forms.Form):
    category = forms.ModelChoiceField(
        QuestionCategory.objects.all(), label=gettext_lazy("Nhập vào nhóm")
    )
    file = forms.FileField(
        label=gettext_lazy("Tệp câu hỏi"),
        help_text=gettext_lazy(
            "GIFT (.txt, .gift), Moodle XML (.xml) hoặc bảng tính theo mẫu (.xlsx), tối đa 5 MB. "
            "Bạn sẽ xem trước các câu nhập được và các câu bị bỏ qua trước khi nhập."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("Tệp lớn hơn 5 MB."))
        name = upload.name.lower()
        if not name.endswith((".txt", ".gift", ".xml", ".xlsx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .txt, .gift, .xml hoặc .xlsx."))
        return upload


IMPORT_KEEP_SECONDS = 3600


def _read(data: bytes, name: str) -> Reading:
    """The file's questions, each importable or with the reason it is skipped: the format's
    reader first, then the bank's own rules (what `full_clean` would refuse)."""
    if name.lower().endswith(".xlsx"):
        drafts, errors = parse_xlsx(data)
        if any(number == 0 for number, _message in errors):
            return Reading(fatal=errors[0][1])
        reading = Reading(
            items=[Item(number=n, name="", kind="", problem=m) for n, m in errors]
            + [Item(number=0, name="", kind=d["type"], draft=d) for d in drafts]
        )
    else:
        reading = read_upload(data, name)
    for item in reading.items:
        if item.draft is not None and (problem := draft_problem(item.draft)):
            item.draft, item.problem = None, problem
    return reading


def _key(user, token: str) -> str:
    return f"quizzes:import:{user.pk}:{token}"


def _preview_context(reading: Reading) -> dict:
    labels = dict(QuestionType.choices)
    drafts = reading.drafts
    return {
        "reading": reading,
        "counts": sorted(
            (str(labels.get(kind, kind)), count) for kind, count in reading.counts().items()
        ),
        "ready_count": sum(1 for d in drafts if d.get("status", "ready") == "ready"),
        "draft_items": [
            item for item in reading.items if item.draft and item.draft.get("status") == "draft"
        ],
        "warned_items": [item for item in reading.items if item.draft and item.warnings],
        "importable": len(drafts),
    }


def import_view(request):
    """Upload → preview (what would be imported, what skipped and why) → import or cancel.

    The file is kept in the cache between the two steps under a random token of this user,
    read again on "import", and written in one transaction. No input answers 500: every
    refusal is a 400 with the reason in Vietnamese."""
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    action = request.POST.get("action", "preview") if request.method == "POST" else ""
    if action == "cancel":
        cache.delete(_key(request.user, request.POST.get("token", "")))
        messages.info(request, _("Đã hủy, không câu hỏi nào được nhập."))
        return redirect("quizzes_admin:import")
    if action == "import":
        return _import_confirmed(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    context: dict = {"form": form, "categories": QuestionCategory.objects.all()}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        reading = _read(data, upload.name)
        if reading.fatal:
            problems = [reading.fatal]
        else:
            token = secrets.token_urlsafe(16)
            cache.set(_key(request.user, token), (upload.name, data), timeout=IMPORT_KEEP_SECONDS)
            context.update(_preview_context(reading))
            context.update(token=token, category=form.cleaned_data["category"])
            status = 200 if reading.drafts else 400
            return render(request, "quizzes/admin/import_preview.html", context, status=status)
    context["problems"] = problems
    status = 400 if problems or form.errors else 200
    return render(request, "quizzes/admin/import.html", context, status=status)


def _import_confirmed(request):
    token = request.POST.get("token", "")
    kept = cache.get(_key(request.user, token)) if token else None
    category = QuestionCategory.objects.filter(pk=request.POST.get("category") or None).first()
    problems: list[str] = []
    if kept is None or category is None:
        problems = [_("Phiên xem trước đã hết hạn hoặc không hợp lệ: hãy tải tệp lên lại.")]
    else:
        name, data = kept
        try:
            count = questions_import(category=category, drafts=_read(data, name).drafts)
        except ImportRefused as refused:
            problems = refused.messages
        except (ValidationError, DatabaseError):
            problems = [_("Không ghi được các câu hỏi; không câu nào được nhập. Hãy thử lại.")]
        else:
            cache.delete(_key(request.user, token))
            messages.success(request, _("Đã nhập %(count)s câu hỏi.") % {"count": count})
            return redirect("quizzes_admin:import")
    context = {
        "form": ImportForm(),
        "problems": problems,
        "categories": QuestionCategory.objects.all(),
    }
    return render(request, "quizzes/admin/import.html", context, status=400)


@require_GET
def export_view(request, category_id: int, fmt: str):
    if not request.user.has_perm("quizzes.view_question") and not request.user.has_perm(
        "quizzes.change_question"
    ):
        raise PermissionDenied
    category = get_object_or_404(QuestionCategory, pk=category_id)
    name = slugify(category.name) or f"nhom-{category.pk}"
    if fmt == "gift":
        response = HttpResponse(
            category_to_gift(category), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.gift.txt"'
        return response
    if fmt == "xml":
        response = HttpResponse(
            category_to_moodle_xml(category), content_type="application/xml; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.moodle.xml"'
        return response
    questions = list(
        Question.objects.filter(category=category).prefetch_related("choices", "regions")
    )
    response = HttpResponse(questions_to_xlsx(questions), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_GET
def template_view(request):
    response = HttpResponse(questions_to_xlsx([]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-cau-hoi.xlsx"'
    return response
