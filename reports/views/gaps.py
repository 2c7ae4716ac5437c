"""Competency gaps: a heatmap of child units × competences."""

from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from ..charts import heatmap
from ..filters import GapsFilterSet
from ..gaps import DEFAULT_LEVEL, competence_gaps
from .base import ScopedReportMixin


def _share_cells(line) -> SafeString:
    """A line's cells, one per competence: the percentage at or above the level (rounded as
    the template tag widthratio did), or a dash for a unit without learners. Written here: a
    province's table has over a thousand cells, too many for a template loop."""
    cells = (
        f"<td>{round(share.at_or_above / share.learners * 100)}</td>"
        if line.learners
        else "<td>—</td>"
        for share in line.shares
    )
    return mark_safe("".join(cells))  # noqa: S308  # nosec B308, B703: integers and a dash


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
        context["table"] = [(line, _share_cells(line)) for line in lines]
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
