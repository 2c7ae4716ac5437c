"""Report views in the Wagtail admin, one module per report, built like Wagtail's own reports:
a filter set, a view, CSV/XLSX export. Every figure comes from a selector, scoped by units_for."""

from .completion import CompletionReportView
from .gaps import CompetencyGapsReportView
from .overview import CourseOverviewReportView
from .quizzes import QuizResultsReportView
from .to_call import ToCallReportView
from .trend import TrendReportView

__all__ = [
    "CompetencyGapsReportView",
    "CompletionReportView",
    "CourseOverviewReportView",
    "QuizResultsReportView",
    "ToCallReportView",
    "TrendReportView",
]
