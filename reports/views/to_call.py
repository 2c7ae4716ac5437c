"""Who to call: learners assigned a course and not started, or overdue."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from .. import selectors
from ..filters import ToCallFilterSet
from .base import ScopedReportMixin


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
