"""Completion by unit, drilled down to the learners of a team."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from people.models import OrgUnit

from .. import selectors
from ..charts import Bar, bar_chart
from ..filters import CompletionFilterSet
from .base import ScopedReportMixin
from .cells import figure_cells, learner_cells

LEARNERS_PER_PAGE = 50
LEARNER_FIGURES = ("enrolled", "started", "completed", "certified")


def _is_child(row: OrgUnit, unit: OrgUnit) -> bool:
    return row.depth == unit.depth + 1 and row.path.startswith(unit.path)


def _unit_cells(row):
    return figure_cells(
        row.learners, row.enrolled, row.started, row.completed, row.certified, row.completion_rate
    )


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

    def read(self):
        unit = self.chosen_unit()
        course = self.cleaned.get("course")
        as_of = self.cleaned.get("as_of") or timezone.localdate()
        scope = self.request.report_scope
        if not any(_is_child(row, unit) for row in scope):
            # A unit without child units (a team): its learners. The scope already read
            # says so and gives the breadcrumb; the unit figures are not shown here.
            self.report = selectors.CompletionReport(
                unit=unit,
                as_of=as_of,
                course=course,
                breadcrumb=[row for row in scope if unit.path.startswith(row.path)],
            )
            self.learners = selectors.learners_in_unit(
                user=self.request.user, unit=unit, course=course, as_of=as_of, scope=scope
            )
            # A page is read a page at a time; an export reads every learner, once.
            return list(self.learners) if self.is_export else self.learners
        self.report = selectors.completion_by_unit(
            user=self.request.user, unit=unit, course=course, as_of=as_of
        )
        return [*self.report.rows, self.report.total]

    def get_paginate_by(self, queryset):
        # Only the learners of a team are paginated; an export is always complete.
        return None if self.is_export or self.learners is None else LEARNERS_PER_PAGE

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

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        report = self.report
        context["report"] = report
        # The page of learners shown (all of them in an export).
        context["learners"] = None if self.learners is None else context["object_list"]
        if self.learners is not None and not self.is_export:  # an export writes its own rows
            context["learner_rows"] = [
                learner_cells(row["name"], row["team"], row["phone"])
                + figure_cells(*(row[f] for f in LEARNER_FIGURES))
                for row in context["learners"]
            ]
        if report is not None:
            context["breadcrumb"] = [(u, self.drill_down_url(u)) for u in report.breadcrumb]
            context["unit_rows"] = [
                (row, self.drill_down_url(row.unit) if row.unit else None, _unit_cells(row))
                for row in report.rows
            ]
            context["total_cells"] = report.total and _unit_cells(report.total)
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
