"""Report views in the Wagtail admin, built like Wagtail's own reports: a filter set, a view,
CSV/XLSX export. Every figure comes from reports.selectors, scoped by units_for."""

import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from people.models import OrgUnit
from people.selectors import has_unit_scope, units_for

from . import selectors
from .charts import Bar, bar_chart
from .filters import CompletionFilterSet, ToCallFilterSet


class ScopedReportMixin:
    """Only people with a unit scope; a unit outside the scope in the query string is a 404."""

    header_icon = "table"
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        # One scope per request (its role lookup runs once), shared with the filters and the
        # menu items, which would otherwise each ask again.
        scope = request.report_scope = units_for(request.user)
        if not has_unit_scope(request.user):
            raise PermissionDenied
        request._reports_scope_exists = True
        raw_unit = request.GET.get("unit", "")
        foreign = raw_unit.isdigit() and not scope.filter(pk=raw_unit).exists()
        if foreign and OrgUnit.objects.filter(pk=raw_unit).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        # The filters only validate (the selectors read the cleaned values), so their
        # queryset is never evaluated.
        return {**super().get_filterset_kwargs(), "queryset": OrgUnit.objects.none()}

    @cached_property
    def cleaned(self) -> dict | None:
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data

    def stream_csv(self, queryset):
        # A byte-order mark, so that Excel reads the Vietnamese headings as UTF-8.
        yield "\ufeff"
        yield from super().stream_csv(queryset)

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def filename_parts(self, unit: OrgUnit | None = None) -> list[str]:
        cleaned = self.cleaned or {}
        parts = []
        unit = unit or cleaned.get("unit")
        if unit:
            parts.append(unit.code)
        if cleaned.get("course"):
            parts.append(cleaned["course"].slug)
        return parts


class CompletionReportView(ScopedReportMixin, ReportView):
    page_title = _("Hoàn thành theo đơn vị")
    header_icon = "tasks"
    results_template_name = "reports/completion_results.html"
    filterset_class = CompletionFilterSet
    index_url_name = "reports_completion"
    index_results_url_name = "reports_completion_results"
    unit_export = ["label", "learners", "enrolled", "started", "completed", "certified", "rate"]
    learner_export = ["name", "team", "phone", "enrolled", "started", "completed", "certified"]
    export_headings = {
        "label": _("Đơn vị"),
        "learners": _("Số người học"),
        "enrolled": _("Đã đăng ký"),
        "started": _("Đã bắt đầu"),
        "completed": _("Đã hoàn thành"),
        "certified": _("Đã có chứng chỉ"),
        "rate": _("Tỉ lệ hoàn thành (%)"),
        "name": _("Họ và tên"),
        "team": _("Tổ"),
        "phone": _("Số điện thoại"),
    }
    report = None
    learners = None

    @property
    def list_export(self):
        return self.learner_export if self.learners is not None else self.unit_export

    def get_queryset(self):
        return []

    def get_filtered_queryset(self):
        if self.cleaned is None:
            return []
        unit = self.cleaned.get("unit") or self.request.report_scope.order_by("path").first()
        course = self.cleaned.get("course")
        as_of = self.cleaned.get("as_of") or timezone.localdate()
        self.report = selectors.completion_by_unit(
            user=self.request.user, unit=unit, course=course, as_of=as_of
        )
        if self.report.is_leaf:
            self.learners = selectors.learners_in_unit(
                user=self.request.user, unit=unit, course=course, as_of=as_of
            )
            return self.learners
        return [*self.report.rows, self.report.total]

    def to_row_dict(self, item):
        if isinstance(item, dict):
            return {field: item[field] for field in self.list_export}
        values = {field: getattr(item, field, None) for field in self.unit_export}
        values["label"] = item.label or self.own_label()
        values["rate"] = item.completion_rate
        return values

    def own_label(self) -> str:
        """The row of people who belong to the unit itself rather than to a child."""
        return _("Trực thuộc %(unit)s") % {"unit": self.report.unit}

    def get_filename(self):
        if self.report is None:
            return "hoan-thanh"
        parts = self.filename_parts(self.report.unit)
        return "-".join(["hoan-thanh", *parts, self.report.as_of.isoformat()])

    def drill_down_url(self, unit: OrgUnit) -> str:
        params = self.request.GET.copy()
        params.pop("export", None)
        params.pop("p", None)
        params["unit"] = unit.pk
        return f"{self.index_url}?{params.urlencode()}"

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        report = self.report
        context["report"] = report
        context["learners"] = self.learners
        if report is not None:
            context["breadcrumb"] = [(u, self.drill_down_url(u)) for u in report.breadcrumb]
            context["unit_rows"] = [
                (row, self.drill_down_url(row.unit) if row.unit else None) for row in report.rows
            ]
            if not report.is_leaf:
                context["chart"] = bar_chart(
                    title=_("Tỉ lệ hoàn thành theo đơn vị trực thuộc %(unit)s")
                    % {"unit": report.unit},
                    description=_(
                        "Phần trăm số lượt đăng ký đã hoàn thành, tính đến ngày %(date)s; "
                        "bảng bên dưới có đủ số liệu."
                    )
                    % {"date": report.as_of.strftime("%d/%m/%Y")},
                    bars=[
                        Bar(row.label or self.own_label(), row.completion_rate)
                        for row in report.rows
                    ],
                )
        return context


class ToCallReportView(ScopedReportMixin, ReportView):
    page_title = _("Cần nhắc nhở")
    header_icon = "warning"
    results_template_name = "reports/to_call_results.html"
    filterset_class = ToCallFilterSet
    index_url_name = "reports_to_call"
    index_results_url_name = "reports_to_call_results"
    paginate_by = 50
    list_export = ["user.full_name", "user.phone", "team_name", "course.title", "due_on", "state"]
    export_headings = {
        "user.full_name": _("Họ và tên"),
        "user.phone": _("Số điện thoại"),
        "team_name": _("Tổ"),
        "course.title": _("Khóa học"),
        "due_on": _("Hạn hoàn thành"),
        "state": _("Tình trạng"),
    }

    def get_queryset(self):
        return []

    def get_filtered_queryset(self):
        if self.cleaned is None:
            return []
        # A queryset, so that only the page shown is read (the export streams them all).
        return selectors.learners_to_call(
            user=self.request.user, unit=self.cleaned.get("unit"), course=self.cleaned.get("course")
        )

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        return [_with_state(enrollment, today) for enrollment in object_list]

    def to_row_dict(self, item):
        return super().to_row_dict(_with_state(item, timezone.localdate()))

    def get_filename(self):
        return "-".join(["can-nhac-nho", *self.filename_parts(), timezone.localdate().isoformat()])


def _with_state(enrollment, today: datetime.date):
    if enrollment.due_on and enrollment.due_on < today:
        enrollment.state = _("Quá hạn")
    else:
        enrollment.state = _("Chưa bắt đầu")
    return enrollment
