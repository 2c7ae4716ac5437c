"""Admin view for merging two units: choose the target, see what moves, confirm (POST)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import UnitChoiceField
from .imports import ImportRefused, import_people, template_xlsx
from .models import OrgUnit
from .selectors import units_for
from .services import unit_merge, unit_merge_plan
from .viewsets import UnitScopedPolicy


class UnitMergeForm(forms.Form):
    """The unit to merge into: any active unit of the viewer's scope outside the source."""

    target = UnitChoiceField(label=_("Gộp vào"))

    def __init__(self, *args, scope, source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["target"].queryset = scope.exclude(path__startswith=source.path)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target"):
            try:
                cleaned["plan"] = unit_merge_plan(source=self.source, target=cleaned["target"])
            except (ValidationError, ValueError):
                self.add_error("target", _("Không thể gộp vào đơn vị này."))
        return cleaned


def unit_merge_view(request, pk: int):
    if not UnitScopedPolicy(OrgUnit).user_has_permission(request.user, "change"):
        raise PermissionDenied
    scope = units_for(request.user).active()
    source = get_object_or_404(scope, pk=pk)
    data = request.POST if request.method == "POST" else request.GET
    form = UnitMergeForm(data if data.get("target") else None, scope=scope, source=source)
    plan = form.cleaned_data["plan"] if form.is_bound and form.is_valid() else None
    if request.method == "POST" and plan and data.get("confirm") == "1":
        unit_merge(source=source, target=plan.target)
        messages.success(
            request,
            _("Đã gộp %(source)s vào %(target)s.")
            % {"source": source.name, "target": plan.target.name},
        )
        return redirect("don_vi:index")
    errors = form.errors.get("target") if form.is_bound else None
    return TemplateResponse(
        request,
        "people/admin/unit_merge.html",
        {
            "source": source,
            "form": form,
            "choices": form.fields["target"].choices,
            "plan": plan,
            "error": errors[0] if errors else None,
            "selected": data.get("target", ""),
        },
    )


def spreadsheet_import(request, *, importer, template: str, success, context=None):
    """The shared flow of an all-or-nothing spreadsheet import screen: upload, run `importer`,
    show its per-row report, or say `success(report)` and come back to the empty form."""
    report, refused = None, None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            refused = _("Hãy chọn một tệp .xlsx hoặc .csv.")
        else:
            try:
                report = importer(upload)
            except ImportRefused as exc:
                refused = str(exc)
        if report and not report.error_count:
            messages.success(request, success(report))
            return redirect(request.path)
    return TemplateResponse(
        request, template, {"report": report, "refused": refused, **(context or {})}
    )


def people_import_view(request):
    """Upload a spreadsheet of units and learners; nothing is written if any row is wrong."""
    if not request.user.has_perm("people.add_orgunit"):
        raise PermissionDenied
    return spreadsheet_import(
        request,
        importer=import_people,
        template="people/admin/import.html",
        success=lambda report: (
            _("Đã nhập %(units)s đơn vị và %(learners)s người học.")
            % {"units": report.units_created, "learners": report.learners_created}
        ),
    )


def people_import_template_view(request):
    if not request.user.has_perm("people.add_orgunit"):
        raise PermissionDenied
    response = HttpResponse(
        template_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-nguoi-hoc.xlsx"'
    return response
