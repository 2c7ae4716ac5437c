"""Registers the "Năng lực số" admin menu; learner records are read-only there."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import framework_export_view, framework_import_view
from .models import CompetenceLevel, Evidence
from .viewsets import CompetenciesViewSetGroup, ReadOnlyPermissionPolicy

register_permission_policy(Evidence, ReadOnlyPermissionPolicy(Evidence))
register_permission_policy(CompetenceLevel, ReadOnlyPermissionPolicy(CompetenceLevel))


@hooks.register("register_admin_viewset")
def register_viewset():
    return CompetenciesViewSetGroup()


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("khung-nang-luc/nhap/", framework_import_view, name="competencies_framework_import"),
        path(
            "khung-nang-luc/<int:pk>/tai-ve.xlsx",
            framework_export_view,
            name="competencies_framework_export",
        ),
    ]
