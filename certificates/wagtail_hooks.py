"""Registers the certificates app's admin screens; nothing else."""

from django.urls import include, path
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_urls
from .models import Certificate
from .notifications import certificate_notices_for
from .viewsets import CertificateTemplateViewSet, CertificateViewSet, IssuedOnlyPermissionPolicy

register_snippet(CertificateTemplateViewSet)
register_permission_policy(Certificate, IssuedOnlyPermissionPolicy(Certificate))


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificates_certificate", url_prefix="chung-chi/da-cap")


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("chung-chi/", include(admin_urls, namespace="certificates_admin"))]


@hooks.register("my_learning_notices")
def notify_new_certificates(user):
    return certificate_notices_for(user)
