"""Course overview: every live course side by side for one unit."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from ..charts import StackedBar, stacked_bar_chart
from ..filters import OverviewFilterSet
from ..overview import course_overview
from .base import ScopedReportMixin, _date
from .cells import figure_cells


class CourseOverviewReportView(ScopedReportMixin, ReportView):
    """Every live course side by side for one unit (and the units below it)."""

    page_title = _("Tổng quan khóa học")
    header_icon = "list-ul"
    results_template_name = "reports/overview_results.html"
    filterset_class = OverviewFilterSet
    index_url_name = "reports_overview"
    index_results_url_name = "reports_overview_results"
    list_export = ["label", "enrolled", "started", "completed", "certified", "rate"]
    export_headings = {
        "label": _("Khóa học"),
        "enrolled": _("Đã đăng ký"),
        "started": _("Đã bắt đầu"),
        "completed": _("Đã hoàn thành"),
        "certified": _("Đã có chứng chỉ"),
        "rate": _("Tỉ lệ hoàn thành (%)"),
    }
    report = None

    def read(self):
        self.report = course_overview(
            user=self.request.user,
            unit=self.chosen_unit(),
            as_of=self.chosen_as_of(),
            scope=self.request.report_scope,
        )
        return self.report.rows

    def to_row_dict(self, item):
        values = {field: getattr(item, field, None) for field in self.list_export}
        values["rate"] = item.completion_rate
        return values

    def get_filename(self):
        if self.report is None:
            return "tong-quan-khoa-hoc"
        parts = self.filename_parts(self.report.unit)
        return "-".join(["tong-quan-khoa-hoc", *parts, self.report.as_of.isoformat()])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        report = context["report"] = self.report
        if report is not None:
            completion = reverse("reports_completion")
            as_of = report.as_of.isoformat()
            context["course_rows"] = [
                (
                    row,
                    f"{completion}?"
                    + urlencode({"unit": report.unit.pk, "course": row.course.pk, "as_of": as_of}),
                    figure_cells(
                        row.enrolled, row.started, row.completed, row.certified, row.completion_rate
                    ),
                )
                for row in context["object_list"]
            ]
        if report is not None and report.rows:
            context["chart"] = stacked_bar_chart(
                chart_id="course-overview",
                title=_("Tiến độ từng khóa học của %(unit)s") % {"unit": report.unit},
                description=_(
                    "Mỗi thanh là một khóa học: số lượt đăng ký đã hoàn thành, đang học và "
                    "chưa bắt đầu, tính đến ngày %(date)s; bảng bên dưới có đủ số liệu."
                )
                % {"date": _date(report.as_of)},
                series=[_("Đã hoàn thành"), _("Đang học"), _("Chưa bắt đầu")],
                bars=[
                    StackedBar(row.label, (row.completed, row.in_progress, row.not_started))
                    for row in report.rows
                ],
            )
        return context
