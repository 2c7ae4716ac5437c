"""Registers the quizzes app's admin screens; nothing else."""

from django.urls import include, path, reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .viewsets import QuestionBankGroup

register_snippet(QuestionBankGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("kiem-tra/", include(admin_urls, namespace="quizzes_admin"))]


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return MenuItem(
        _("Thống kê bài kiểm tra"),
        reverse_lazy("quizzes_admin:statistics_index"),
        icon_name="table",
        order=310,
    )


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return MenuItem(
        _("Nhập, xuất câu hỏi"),
        reverse_lazy("quizzes_admin:import"),
        icon_name="upload",
        order=311,
    )
