"""Quiz results: attempts and pass rate per quiz (a chart of the pass rates), and for the quiz
a manager picks, its score distribution and item statistics.

The list comes from the units' counters; one quiz's statistics read its attempts (every answer
of the unit's learners to it), so they are a drill-down, as a team's list of learners is."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from ..charts import Bar, bar_chart, column_chart
from ..filters import QuizResultsFilterSet
from ..quiz_results import quiz_detail, quiz_results
from .base import ScopedReportMixin, _date


class QuizResultsReportView(ScopedReportMixin, ReportView):
    """Per quiz: attempts and pass rate of the unit's learners; for the chosen quiz, the score
    distribution and the item statistics of quizzes.statistics."""

    page_title = _("Kết quả kiểm tra")
    header_icon = "form"
    results_template_name = "reports/quiz_results.html"
    filterset_class = QuizResultsFilterSet
    index_url_name = "reports_quizzes"
    index_results_url_name = "reports_quizzes_results"
    list_export = ["label", "attempts", "passed", "pass_rate", "average"]
    export_headings = {
        "label": _("Bài kiểm tra"),
        "attempts": _("Số lần làm đã nộp"),
        "passed": _("Số lần đạt"),
        "pass_rate": _("Tỉ lệ đạt (%)"),
        "average": _("Điểm trung bình (%)"),
    }
    rows = None
    unit = None
    as_of = None

    def read(self):
        self.unit, self.as_of = self.chosen_unit(), self.chosen_as_of()
        self.rows = quiz_results(
            user=self.request.user,
            unit=self.unit,
            course=self.cleaned.get("course"),
            as_of=self.as_of,
            scope=self.request.report_scope,
        )
        return self.rows

    def to_row_dict(self, item):
        return {field: getattr(item, field) for field in self.list_export}

    def get_filename(self):
        if self.unit is None:
            return "ket-qua-kiem-tra"
        parts = self.filename_parts(self.unit)
        return "-".join(["ket-qua-kiem-tra", *parts, self.as_of.isoformat()])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["rows"] = self.rows
        context["unit"], context["as_of"] = self.unit, self.as_of
        if self.rows is None:
            return context
        quiz = self.cleaned.get("quiz")
        if quiz is None:
            taken = [row for row in self.rows if row.attempts]
            if taken:
                context["chart"] = bar_chart(
                    chart_id="quiz-pass-rates",
                    title=_("Tỉ lệ đạt theo bài kiểm tra: %(unit)s") % {"unit": self.unit},
                    description=_(
                        "Mỗi thanh là một bài kiểm tra đã có lần làm: tỉ lệ lần làm đạt của "
                        "người học thuộc %(unit)s, tính đến ngày %(date)s; bảng bên dưới có đủ "
                        "số liệu. Chọn tên một bài để xem phân bố điểm và từng câu hỏi."
                    )
                    % {"unit": self.unit, "date": _date(self.as_of)},
                    bars=[Bar(row.label, row.pass_rate) for row in taken],
                )
            return context
        detail = context["detail"] = quiz_detail(
            user=self.request.user,
            unit=self.unit,
            quiz=quiz,
            as_of=self.as_of,
            scope=self.request.report_scope,
            from_rollups=self.rows.from_rollups,
        )
        context["chart"] = column_chart(
            chart_id="quiz-scores",
            title=_("Phân bố điểm: %(quiz)s") % {"quiz": quiz.title},
            description=_(
                "Số lần làm đã nộp của người học thuộc %(unit)s theo khoảng điểm, tính đến "
                "ngày %(date)s; bảng bên dưới có đủ số liệu."
            )
            % {"unit": self.unit, "date": _date(self.as_of)},
            bars=[Bar(bin["label"], bin["count"]) for bin in detail["distribution"]],
        )
        return context
