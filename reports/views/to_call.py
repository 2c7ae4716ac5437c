"""Who to call: where the learners to call are (per child unit), drilled down to a team's list.

A province's or a commune's manager does not phone tens of thousands of people: at a unit with
child units the page counts the enrolments to call per child, each child a link to the same
report on that child; at a unit without (a team) it lists them, 50 a page. An export is always
the full list of the chosen unit's subtree, whatever the page shows: what a manager prints."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from ..charts import StackedBar, stacked_bar_chart
from ..filters import ToCallFilterSet
from ..to_call import (
    NOT_STARTED,
    OVERDUE,
    count_to_call,
    learners_to_call,
    state_of,
    to_call_by_unit,
)
from .base import ScopedReportMixin, _date
from .cells import figure_cells, to_call_cells
from .completion import _is_child

LEARNERS_PER_PAGE = 50


class ToCallReportView(ScopedReportMixin, ReportView):
    page_title = _("Cần nhắc nhở")
    header_icon = "warning"
    results_template_name = "reports/to_call_results.html"
    filterset_class = ToCallFilterSet
    index_url_name = "reports_to_call"
    index_results_url_name = "reports_to_call_results"
    list_export = ["user.full_name", "user.phone", "team_name", "course.title", "due_on", "state"]
    export_headings = {
        "user.full_name": _("Họ và tên"),
        "user.phone": _("Số điện thoại"),
        "team_name": _("Tổ"),
        "course.title": _("Khóa học"),
        "due_on": _("Hạn hoàn thành"),
        "state": _("Tình trạng"),
    }
    summary = None
    unit = None
    counted = None  # the list's length from the units' counters; None: Django counts it

    def read(self):
        scope = self.request.report_scope
        course = self.cleaned.get("course")
        self.unit = self.chosen_unit()
        if (
            self.unit is not None
            and not self.is_export
            and any(_is_child(row, self.unit) for row in scope)
        ):
            self.summary = to_call_by_unit(
                user=self.request.user, unit=self.unit, course=course, scope=scope
            )
            return self.summary.rows
        # The list's length from the units' counters when they cover today (the same rule, kept
        # by the roll-ups), not a count of the team's enrolments one by one. Counting first
        # also tells the list whether it may read the learners' units from the roll-ups.
        unit = self.cleaned.get("unit")
        self.counted = count_to_call(user=self.request.user, unit=unit, course=course, scope=scope)
        # A queryset, so that only the page shown is read (the export streams them all): the
        # chosen unit's subtree, or the whole scope when none is chosen.
        return learners_to_call(
            user=self.request.user,
            unit=unit,
            course=course,
            scope=scope,
            covered=self.counted is not None,
        )

    def get_paginator(self, queryset, per_page, **kwargs):
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        if self.counted is not None:
            paginator.count = self.counted  # Paginator.count is a cached property
        return paginator

    def get_paginate_by(self, queryset):
        return None if self.is_export or self.summary is not None else LEARNERS_PER_PAGE

    def to_row_dict(self, item):
        return super().to_row_dict(_with_state(item, timezone.localdate()))

    def get_filename(self):
        return "-".join(["can-nhac-nho", *self.filename_parts(), timezone.localdate().isoformat()])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        summary, unit = self.summary, self.unit
        context["summary"] = summary
        if summary is None and not self.is_export:  # an export writes rows of its own
            today = timezone.localdate()
            context["enrolment_rows"] = [
                to_call_cells(_with_state(row, today)) for row in context["object_list"]
            ]
        if unit is not None and self.cleaned is not None:
            context["unit"] = unit
            ancestors = (
                summary.breadcrumb
                if summary is not None
                else [row for row in self.request.report_scope if unit.path.startswith(row.path)]
            )
            context["breadcrumb"] = [(row, self.drill_down_url(row)) for row in ancestors]
        if summary is not None:
            context["unit_rows"] = [
                (
                    row,
                    self.drill_down_url(row.unit) if row.unit else None,
                    figure_cells(row.not_started, row.overdue, row.total),
                )
                for row in summary.rows
            ]
            total = summary.total
            context["total_cells"] = figure_cells(total.not_started, total.overdue, total.total)
            if total.total:
                context["chart"] = stacked_bar_chart(
                    chart_id="to-call",
                    title=_("Số lượt cần nhắc theo đơn vị trực thuộc %(unit)s")
                    % {"unit": summary.unit},
                    description=_(
                        "Mỗi thanh là một đơn vị: số lượt được giao chưa bắt đầu và số lượt "
                        "quá hạn, ngày %(date)s; bảng bên dưới có đủ số liệu."
                    )
                    % {"date": _date(summary.on)},
                    series=[NOT_STARTED, OVERDUE],
                    bars=[
                        StackedBar(row.label or self.own_label(), (row.not_started, row.overdue))
                        for row in summary.rows
                    ],
                )
        return context

    def own_label(self) -> str:
        """The row of people who belong to the unit itself rather than to a child."""
        return _("Trực thuộc %(unit)s") % {"unit": self.summary.unit}


def _with_state(enrollment, today):
    enrollment.state = state_of(enrollment, today)
    return enrollment
