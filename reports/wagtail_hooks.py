"""Registers the reports menu and URLs; nothing else happens here."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from people.selectors import has_unit_scope

from .panels import home_panels_for
from .urls import urlpatterns


class ScopedMenuItem(MenuItem):
    """Shown to whoever has a unit scope: the same selector the report views use."""

    def is_shown(self, request):
        return has_unit_scope(request.user)  # the user's roles, read once per request


# The "Báo cáo" submenu, in order: label, URL name, menu name, icon.
REPORTS = [
    (_("Hoàn thành theo đơn vị"), "reports_completion", "completion", "tasks"),
    (_("Cần nhắc nhở"), "reports_to_call", "to-call", "warning"),
    (_("Tổng quan khóa học"), "reports_overview", "overview", "list-ul"),
    (_("Kết quả kiểm tra"), "reports_quizzes", "quizzes", "form"),
    (_("Xu hướng"), "reports_trend", "trend", "calendar"),
    (_("Khoảng trống năng lực"), "reports_gaps", "gaps", "crosshairs"),
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return urlpatterns


@hooks.register("register_admin_menu_item")
def register_reports_menu():
    items = [
        ScopedMenuItem(label, reverse(url_name), name=name, icon_name=icon, order=order)
        for order, (label, url_name, name, icon) in enumerate(REPORTS, start=1)
    ]
    return SubmenuMenuItem(
        _("Báo cáo"), Menu(items=items), name="bao-cao", icon_name="table", order=8500
    )


hooks.register("construct_homepage_panels", home_panels_for)
