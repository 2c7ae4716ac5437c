"""Trend: enrolments and completions per week."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from ..charts import Series, line_chart
from ..filters import TrendFilterSet
from ..trend import DEFAULT_WEEKS, weekly_trend
from .base import ScopedReportMixin, _date


class TrendReportView(ScopedReportMixin, ReportView):
    """Enrolments and completions per week for a unit and a course."""

    page_title = _("Xu hướng")
    header_icon = "calendar"
    results_template_name = "reports/trend_results.html"
    filterset_class = TrendFilterSet
    index_url_name = "reports_trend"
    index_results_url_name = "reports_trend_results"
    list_export = ["week", "enrolled", "completed"]
    export_headings = {
        "week": _("Tuần bắt đầu ngày"),
        "enrolled": _("Lượt đăng ký"),
        "completed": _("Lượt hoàn thành"),
    }
    rows = None
    unit = None
    as_of = None

    def read(self):
        self.unit, self.as_of = self.chosen_unit(), self.chosen_as_of()
        self.weeks = int(self.cleaned.get("weeks") or DEFAULT_WEEKS)
        self.rows = weekly_trend(
            user=self.request.user,
            unit=self.unit,
            course=self.cleaned.get("course"),
            as_of=self.as_of,
            weeks=self.weeks,
            scope=self.request.report_scope,
        )
        return self.rows

    def to_row_dict(self, item):
        return {field: getattr(item, field) for field in self.list_export}

    def get_filename(self):
        if self.unit is None:
            return "xu-huong"
        parts = [*self.filename_parts(self.unit), f"{self.weeks}-tuan"]
        return "-".join(["xu-huong", *parts, self.as_of.isoformat()])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["rows"] = self.rows
        context["unit"], context["as_of"] = self.unit, self.as_of
        if self.rows:
            course = self.cleaned.get("course")
            context["course"] = course
            context["chart"] = line_chart(
                chart_id="weekly-trend",
                title=_("Đăng ký và hoàn thành theo tuần của %(unit)s") % {"unit": self.unit},
                description=_(
                    "%(weeks)s tuần đến ngày %(date)s, %(course)s; mỗi điểm là một tuần "
                    "(bắt đầu thứ Hai). Bảng bên dưới có đủ số liệu."
                )
                % {
                    "weeks": self.weeks,
                    "date": _date(self.as_of),
                    "course": course.title if course else _("mọi khóa học"),
                },
                labels=[row.label for row in self.rows],
                series=[
                    Series(str(_("Lượt đăng ký")), tuple(row.enrolled for row in self.rows)),
                    Series(str(_("Lượt hoàn thành")), tuple(row.completed for row in self.rows)),
                ],
            )
        return context
