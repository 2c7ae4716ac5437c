"""Wagtail admin screens: certificate templates (snippets, live preview) and issued certificates
(read-only, with revocation)."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from competencies.viewsets import ReadOnlyPermissionPolicy

from .models import Certificate, CertificateTemplate


class CertificateTemplateViewSet(SnippetViewSet):
    model = CertificateTemplate
    icon = "doc-full"
    menu_label = _("Mẫu chứng chỉ")
    list_display = ["title", "organisation", "is_default"]
    add_to_admin_menu = False


class IssuedOnlyPermissionPolicy(ReadOnlyPermissionPolicy):
    """Certificates are issued by completing a course: never added, edited or deleted here (the
    revoke view, guarded by the change permission, is the one write)."""


class RevokeColumn(Column):
    def get_value(self, instance):
        if instance.revoked_at:
            return _("Đã thu hồi")
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>',
            reverse("certificates_admin:revoke", args=[instance.pk]),
            _("Thu hồi"),
        )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "tick-inverse"
    menu_label = _("Chứng chỉ đã cấp")
    menu_order = 320
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["revoke_reason"]
    list_display = [
        "holder_name",
        "course_title",
        "code",
        "issued_at",
        RevokeColumn("revoke", label=_("thu hồi")),
    ]
    list_filter = ["issued_at", "revoked_at"]
    search_fields = ["holder_name", "course_title", "code"]
    inspect_view_fields = [
        "holder_name",
        "course_title",
        "code",
        "issued_at",
        "score",
        "revoked_at",
        "revoke_reason",
    ]
