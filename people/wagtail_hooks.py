"""Registers the people admin screens; nothing else happens here."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import people_import_template_view, people_import_view, unit_merge_view
from .models import Membership, OrgUnit
from .viewsets import PeopleViewSetGroup, UnitScopedPolicy

register_permission_policy(OrgUnit, UnitScopedPolicy(OrgUnit))
register_permission_policy(Membership, UnitScopedPolicy(Membership))


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_admin_urls")
def register_people_admin_urls():
    return [
        path("don-vi/<int:pk>/gop/", unit_merge_view, name="people_unit_merge"),
        path("don-vi/nhap/", people_import_view, name="people_import"),
        path("don-vi/nhap/mau.xlsx", people_import_template_view, name="people_import_template"),
    ]
