"""Registers the people admin screens; nothing else happens here."""

from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .admin_views import unit_merge_view
from .models import Membership, OrgUnit
from .viewsets import PeopleViewSetGroup, UnitScopedPolicy

register_permission_policy(OrgUnit, UnitScopedPolicy(OrgUnit))
register_permission_policy(Membership, UnitScopedPolicy(Membership))


@hooks.register("register_admin_viewset")
def register_people_viewsets():
    return PeopleViewSetGroup()


@hooks.register("register_admin_urls")
def register_people_admin_urls():
    return [path("don-vi/<int:pk>/gop/", unit_merge_view, name="people_unit_merge")]
