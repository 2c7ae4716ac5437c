from django.urls import path

from .views import CompletionReportView, ToCallReportView

urlpatterns = [
    path("bao-cao/hoan-thanh/", CompletionReportView.as_view(), name="reports_completion"),
    path(
        "bao-cao/hoan-thanh/ket-qua/",
        CompletionReportView.as_view(results_only=True),
        name="reports_completion_results",
    ),
    path("bao-cao/can-nhac-nho/", ToCallReportView.as_view(), name="reports_to_call"),
    path(
        "bao-cao/can-nhac-nho/ket-qua/",
        ToCallReportView.as_view(results_only=True),
        name="reports_to_call_results",
    ),
]
