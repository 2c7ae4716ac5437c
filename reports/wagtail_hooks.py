"""Registers the reports menu and URLs; nothing else happens here."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from people.selectors import units_for

from .panels import ReportsHomePanel
from .urls import urlpatterns


class ScopedMenuItem(MenuItem):
    """Shown to whoever has a unit scope: the same selector the report views use."""

    def is_shown(self, request):
        # Both items ask on every admin page: ask the database once per request.
        if not hasattr(request, "_reports_scope_exists"):
            request._reports_scope_exists = units_for(request.user).exists()
        return request._reports_scope_exists


@hooks.register("register_admin_urls")
def register_report_urls():
    return urlpatterns


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    items = [
        ScopedMenuItem(
            _("Hoàn thành theo đơn vị"),
            reverse("reports_completion"),
            name="completion",
            icon_name="tasks",
            order=100,
        ),
        ScopedMenuItem(
            _("Cần nhắc nhở"),
            reverse("reports_to_call"),
            name="to-call",
            icon_name="warning",
            order=200,
        ),
        ScopedMenuItem(
            _("Tổng quan khóa học"),
            reverse("reports_overview"),
            name="overview",
            icon_name="list-ul",
            order=300,
        ),
        ScopedMenuItem(
            _("Kết quả kiểm tra"),
            reverse("reports_quizzes"),
            name="quizzes",
            icon_name="form",
            order=400,
        ),
        ScopedMenuItem(
            _("Xu hướng"), reverse("reports_trend"), name="trend", icon_name="calendar", order=500
        ),
        ScopedMenuItem(
            _("Khoảng trống năng lực"),
            reverse("reports_gaps"),
            name="gaps",
            icon_name="crosshairs",
            order=600,
        ),
    ]
    return SubmenuMenuItem(
        _("Báo cáo"), Menu(items=items), name="bao-cao", icon_name="table", order=8500
    )


@hooks.register("construct_homepage_panels")
def add_reports_panel(request, panels):
    panels.append(ReportsHomePanel(request))
