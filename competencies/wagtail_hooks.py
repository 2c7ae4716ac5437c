"""Registers the "Năng lực số" admin menu; learner records are read-only there."""

from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import CompetenceLevel, Evidence
from .viewsets import CompetenciesViewSetGroup, ReadOnlyPermissionPolicy

register_permission_policy(Evidence, ReadOnlyPermissionPolicy(Evidence))
register_permission_policy(CompetenceLevel, ReadOnlyPermissionPolicy(CompetenceLevel))


@hooks.register("register_admin_viewset")
def register_viewset():
    return CompetenciesViewSetGroup()
