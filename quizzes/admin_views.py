"""Wagtail admin views of quizzes beyond the snippets: item statistics, import and export."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from .exports import category_to_gift, questions_to_xlsx
from .imports import parse_gift, parse_moodle_xml, parse_xlsx
from .models import Question, QuestionCategory, QuizPage
from .services import ImportRefused, questions_import
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
            "Nếu có một câu lỗi, không câu nào được nhập."
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


def _parse(upload):
    data = upload.read()
    name = upload.name.lower()
    if name.endswith(".xlsx"):
        return parse_xlsx(data)
    if name.endswith(".xml"):
        return parse_moodle_xml(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [(0, _("tệp GIFT phải được lưu với bảng mã UTF-8"))]
    return parse_gift(text)


def import_view(request):
    if not request.user.has_perm("quizzes.add_question"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        drafts, errors = _parse(form.cleaned_data["file"])
        try:
            count = questions_import(
                category=form.cleaned_data["category"], drafts=drafts, errors=errors
            )
        except ImportRefused as refused:
            problems = refused.messages
        else:
            messages.success(request, _("Đã nhập %(count)s câu hỏi.") % {"count": count})
            return redirect("quizzes_admin:import")
    status = 400 if problems or form.errors else 200
    context = {"form": form, "problems": problems, "categories": QuestionCategory.objects.all()}
    return render(request, "quizzes/admin/import.html", context, status=status)


@require_GET
def export_view(request, category_id: int, fmt: str):
    if not request.user.has_perm("quizzes.view_question") and not request.user.has_perm(
        "quizzes.change_question"
    ):
        raise PermissionDenied
    category = get_object_or_404(QuestionCategory, pk=category_id)
    questions = list(
        Question.objects.filter(category=category).prefetch_related("choices", "regions")
    )
    name = slugify(category.name) or f"nhom-{category.pk}"
    if fmt == "gift":
        response = HttpResponse(
            category_to_gift(questions), content_type="text/plain; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.gift.txt"'
        return response
    response = HttpResponse(questions_to_xlsx(questions), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@require_GET
def template_view(request):
    response = HttpResponse(questions_to_xlsx([]), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-cau-hoi.xlsx"'
    return response
