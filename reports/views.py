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
from .charts import (
    Bar,
    Series,
    StackedBar,
    bar_chart,
    column_chart,
    heatmap,
    line_chart,
    stacked_bar_chart,
)
from .filters import (
    CompletionFilterSet,
    GapsFilterSet,
    OverviewFilterSet,
    QuizResultsFilterSet,
    ToCallFilterSet,
    TrendFilterSet,
)
from .gaps import DEFAULT_LEVEL, competence_gaps
from .overview import course_overview
from .quiz_results import quiz_detail, quiz_results
from .trend import DEFAULT_WEEKS, weekly_trend


class ScopedReportMixin:
    """Only people with a unit scope; a unit outside the scope in the query string is a 404.
    Rows come from a selector (`read`), not a queryset: none until the filters are valid."""

    header_icon = "table"
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        # One scope per request (its role lookup runs once), shared with the filters and the
        # menu items, which would otherwise each ask again.
        scope = request.report_scope = units_for(request.user)
        if not has_unit_scope(request.user):
            raise PermissionDenied
        raw_unit = request.GET.get("unit", "")
        foreign = raw_unit.isdigit() and not scope.filter(pk=raw_unit).exists()
        if foreign and OrgUnit.objects.filter(pk=raw_unit).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        # The filters only validate (the selectors read the cleaned values), so their
        # queryset is never evaluated.
        return {**super().get_filterset_kwargs(), "queryset": OrgUnit.objects.none()}

    def get_queryset(self):
        return []

    def get_filtered_queryset(self):
        return [] if self.cleaned is None else self.read()

    def read(self) -> list:
        raise NotImplementedError

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

    def chosen_unit(self) -> OrgUnit:
        """The unit in the filter, else the top of the viewer's scope."""
        return self.cleaned.get("unit") or self.request.report_scope.order_by("path").first()

    def chosen_as_of(self) -> datetime.date:
        return self.cleaned.get("as_of") or timezone.localdate()

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

    def read(self):
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

    def read(self):
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


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


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


class QuizResultsReportView(ScopedReportMixin, ReportView):
    """Per quiz: attempts and pass rate of the unit's learners; for one quiz, the score
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

    def chosen_quiz(self):
        quiz = self.cleaned.get("quiz")
        if quiz is not None:
            return quiz
        busiest = max(self.rows, key=lambda row: row.attempts, default=None)
        return busiest.quiz if busiest and busiest.attempts else None

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["rows"] = self.rows
        context["unit"], context["as_of"] = self.unit, self.as_of
        if self.rows is None:
            return context
        quiz = self.chosen_quiz()
        if quiz is None:
            return context
        detail = context["detail"] = quiz_detail(
            user=self.request.user,
            unit=self.unit,
            quiz=quiz,
            as_of=self.as_of,
            scope=self.request.report_scope,
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


class CompetencyGapsReportView(ScopedReportMixin, ReportView):
    """A heatmap of child units × competences: the share of learners at or above a level."""

    page_title = _("Khoảng trống năng lực")
    header_icon = "crosshairs"
    results_template_name = "reports/gaps_results.html"
    filterset_class = GapsFilterSet
    index_url_name = "reports_gaps"
    index_results_url_name = "reports_gaps_results"
    report = None

    def read(self):
        self.report = competence_gaps(
            user=self.request.user,
            unit=self.chosen_unit(),
            level=int(self.cleaned.get("level") or DEFAULT_LEVEL),
            scope=self.request.report_scope,
        )
        total = [self.report.total] if self.report.total else []
        return [*self.report.rows, *total]

    @property
    def list_export(self):
        competences = self.report.competences if self.report else []
        return ["label", "learners", *[c.code for c in competences]]

    @property
    def export_headings(self):
        headings = {"label": _("Đơn vị"), "learners": _("Số người học")}
        for competence in self.report.competences if self.report else []:
            headings[competence.code] = f"{competence.code} {competence.display_name} (%)"
        return headings

    def to_row_dict(self, item):
        values = {"label": item.label, "learners": item.learners}
        for share in item.shares:
            values[share.competence.code] = round(100 * share.share, 1) if item.learners else None
        return values

    def get_filename(self):
        if self.report is None:
            return "khoang-trong-nang-luc"
        parts = [*self.filename_parts(self.report.unit), f"bac-{self.report.level}"]
        return "-".join(["khoang-trong-nang-luc", *parts, timezone.localdate().isoformat()])

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        report = context["report"] = self.report
        if report is None or report.framework is None:
            return context
        lines = [*report.rows, report.total]
        context["lines"] = lines
        context["chart"] = heatmap(
            chart_id="competency-gaps",
            title=_("Tỉ lệ người học đạt bậc %(level)s trở lên, theo đơn vị và năng lực")
            % {"level": report.level},
            description=_(
                "Mỗi ô là phần trăm người học hiện tại của đơn vị đạt bậc %(level)s trở lên ở "
                "một năng lực của %(framework)s; ô càng đậm càng cao, ô trống là đơn vị chưa "
                "có người học. Bảng bên dưới có đủ số liệu."
            )
            % {"level": report.level, "framework": report.framework},
            rows=[line.label for line in lines],
            columns=[(c.code, c.display_name) for c in report.competences],
            values=[
                [share.share if line.learners else None for share in line.shares] for line in lines
            ],
        )
        return context
