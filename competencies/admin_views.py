"""Admin views for importing a framework from a spreadsheet and downloading it as one."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .imports import ImportRefused, framework_import, framework_xlsx
from .models import Framework

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_import(user) -> bool:
    return user.has_perms(["competencies.add_competence", "competencies.change_competence"])


def framework_import_view(request):
    """Upload areas and competences; nothing is written if any row is wrong."""
    if not _can_import(request.user):
        raise PermissionDenied
    report, refused = None, None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            refused = _("Hãy chọn một tệp .xlsx hoặc .csv.")
        else:
            try:
                report = framework_import(upload)
            except ImportRefused as exc:
                refused = str(exc)
        if report and not report.error_count:
            messages.success(
                request,
                _(
                    "Đã nhập: %(areas)s miền mới, %(created)s năng lực mới, "
                    "%(updated)s năng lực được sửa."
                )
                % {
                    "areas": report.areas_created,
                    "created": report.competences_created,
                    "updated": report.competences_updated,
                },
            )
            return redirect("competencies_framework_import")
    return TemplateResponse(
        request,
        "competencies/admin/framework_import.html",
        {"report": report, "refused": refused, "frameworks": Framework.objects.all()},
    )


def framework_export_view(request, pk: int):
    """The framework as the import spreadsheet, to correct and upload again."""
    if not request.user.has_perm("competencies.view_competence"):
        raise PermissionDenied
    framework = get_object_or_404(Framework, pk=pk)
    response = HttpResponse(framework_xlsx(framework), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="khung-nang-luc-{framework.code}.xlsx"'
    return response
