"""Admin views for importing a framework from a spreadsheet and downloading it as one."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from people.admin_views import spreadsheet_import

from .imports import framework_import, framework_xlsx
from .models import Framework

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _can_import(user) -> bool:
    return user.has_perms(["competencies.add_competence", "competencies.change_competence"])


def framework_import_view(request):
    """Upload areas and competences; nothing is written if any row is wrong."""
    if not _can_import(request.user):
        raise PermissionDenied
    return spreadsheet_import(
        request,
        importer=framework_import,
        template="competencies/admin/framework_import.html",
        success=lambda report: (
            _(
                "Đã nhập: %(areas)s miền mới, %(created)s năng lực mới, %(updated)s năng lực được sửa."
            )
            % {
                "areas": report.areas_created,
                "created": report.competences_created,
                "updated": report.competences_updated,
            }
        ),
        context={"frameworks": Framework.objects.all()},
    )


def framework_export_view(request, pk: int):
    """The framework as the import spreadsheet, to correct and upload again."""
    if not request.user.has_perm("competencies.view_competence"):
        raise PermissionDenied
    framework = get_object_or_404(Framework, pk=pk)
    response = HttpResponse(framework_xlsx(framework), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="khung-nang-luc-{framework.code}.xlsx"'
    return response
