"""Wagtail admin screens for frameworks (editable) and learner records (read-only)."""

from django.contrib import messages
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from .models import Area, Competence, CompetenceLevel, CompetenceMapping, Evidence, Framework, Level
from .selectors import protected_uses


def protected_message(obj, uses: list[tuple[str, int]]) -> str:
    """Why `obj` cannot be deleted, counting what uses it, in Vietnamese."""
    counted = ", ".join(f"{count} {name}" for name, count in uses)
    return _("Không thể xóa “%(object)s” vì đang được dùng: %(uses)s. Hãy bỏ liên kết trước.") % {
        "object": obj,
        "uses": counted,
    }


class ProtectedDeleteView(DeleteView):
    """Refuses, with a count of what uses it, to delete a row other rows PROTECT."""

    template_name = "competencies/admin/confirm_delete.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        uses = protected_uses(self.object)
        context["protected_message"] = protected_message(self.object, uses) if uses else ""
        return context

    def form_valid(self, form):
        uses = protected_uses(self.object)
        if uses:
            messages.error(self.request, protected_message(self.object, uses))
            return self.render_to_response(self.get_context_data(form=form))
        try:
            return super().form_valid(form)
        except ProtectedError:  # something started using it in the meantime
            messages.error(
                self.request, protected_message(self.object, protected_uses(self.object))
            )
            return self.render_to_response(self.get_context_data(form=form))


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Learner records are derived from graded work: viewed in the admin, never edited."""

    def user_has_permission(self, user, action):
        if action in ("add", "change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class FrameworkIndexView(IndexView):
    """The framework list, with the way in to importing one from a spreadsheet."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        user = self.request.user
        if user.has_perms(["competencies.add_competence", "competencies.change_competence"]):
            url = reverse("competencies_framework_import")
            buttons.append(HeaderButton(_("Nhập, tải về bảng tính"), url=url, icon_name="upload"))
        return buttons


class FrameworkViewSet(ModelViewSet):
    model = Framework
    icon = "list-ul"
    menu_label = gettext_lazy("Khung năng lực")
    index_view_class = FrameworkIndexView
    list_display = ["name", "code", "version", "is_primary"]
    search_fields = ["name", "code"]
    delete_view_class = ProtectedDeleteView
    copy_view_enabled = False


class AreaViewSet(ModelViewSet):
    model = Area
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Miền năng lực")
    list_display = ["__str__", "framework", "order"]
    list_filter = ["framework"]
    search_fields = ["name", "code"]
    delete_view_class = ProtectedDeleteView
    copy_view_enabled = False


class CompetenceViewSet(ModelViewSet):
    model = Competence
    icon = "tick-inverse"
    menu_label = gettext_lazy("Năng lực thành phần")
    list_display = ["__str__", "name_en", "area"]
    list_filter = ["area__framework", "area"]
    search_fields = ["name", "name_en", "code"]
    delete_view_class = ProtectedDeleteView
    copy_view_enabled = False


class LevelViewSet(ModelViewSet):
    model = Level
    icon = "order"
    menu_label = gettext_lazy("Bậc năng lực")
    list_display = ["name", "number", "band", "framework"]
    list_filter = ["framework"]
    delete_view_class = ProtectedDeleteView
    copy_view_enabled = False


class CompetenceMappingViewSet(ModelViewSet):
    model = CompetenceMapping
    icon = "resubmit"
    menu_label = gettext_lazy("Đối chiếu giữa các khung")
    list_display = ["competence_a", "competence_b", "note"]
    list_filter = ["competence_a__area__framework", "competence_b__area__framework"]
    copy_view_enabled = False


class EvidenceViewSet(ModelViewSet):
    model = Evidence
    icon = "doc-full"
    menu_label = gettext_lazy("Minh chứng năng lực")
    list_display = ["user", "competence", "level", "points", "max_points", "at", "source_type"]
    list_filter = ["competence__area__framework", "level", "source_type"]
    search_fields = ["user__full_name", "user__email", "competence__code"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["user", "competence", "level", "points", "max_points"]


class CompetenceLevelViewSet(ModelViewSet):
    model = CompetenceLevel
    icon = "user"
    menu_label = gettext_lazy("Mức năng lực của người học")
    list_display = ["user", "competence", "level", "updated_at"]
    list_filter = ["competence__area__framework", "level"]
    search_fields = ["user__full_name", "user__email", "competence__code"]
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["user", "competence", "level"]


class CompetenciesViewSetGroup(ModelViewSetGroup):
    menu_label = gettext_lazy("Năng lực số")
    menu_icon = "tick-inverse"
    menu_order = 400
    items = (
        FrameworkViewSet("khung_nang_luc"),
        AreaViewSet("mien_nang_luc"),
        CompetenceViewSet("nang_luc"),
        LevelViewSet("bac_nang_luc"),
        CompetenceMappingViewSet("doi_chieu_nang_luc"),
        EvidenceViewSet("minh_chung_nang_luc"),
        CompetenceLevelViewSet("muc_nang_luc"),
    )
