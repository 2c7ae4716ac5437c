from django.urls import path

from .views import (
    CompetencyGapsReportView,
    CompletionReportView,
    CourseOverviewReportView,
    QuizResultsReportView,
    ToCallReportView,
    TrendReportView,
)

# (slug, view, name): each report has its page and the results fragment its filters reload.
REPORTS = [
    ("hoan-thanh", CompletionReportView, "reports_completion"),
    ("can-nhac-nho", ToCallReportView, "reports_to_call"),
    ("tong-quan-khoa-hoc", CourseOverviewReportView, "reports_overview"),
    ("ket-qua-kiem-tra", QuizResultsReportView, "reports_quizzes"),
    ("xu-huong", TrendReportView, "reports_trend"),
    ("khoang-trong-nang-luc", CompetencyGapsReportView, "reports_gaps"),
]

urlpatterns = []
for slug, view, name in REPORTS:
    urlpatterns += [
        path(f"bao-cao/{slug}/", view.as_view(), name=name),
        path(f"bao-cao/{slug}/ket-qua/", view.as_view(results_only=True), name=f"{name}_results"),
    ]
