"""Wagtail admin screens for people: the unit tree, members of units, unit roles.

Every screen reads through `people.selectors.units_for`: a manager sees and edits only their
units and the units below them (anything else is a 404), and never gets Wagtail's user
management. Roles are for administrators only (Django model permissions)."""

from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from .forms import UnitChoiceField
from .models import Membership, OrgUnit, UnitRole, User
from .selectors import is_manager, people_manageable_by, units_for
from .services import unit_create, unit_move

SCOPED_ACTIONS = {"view", "add", "change"}


class UnitScopedPolicy(ModelPermissionPolicy):
    """Model permissions, plus view/add/change for managers inside their scope."""

    def _is_manager(self, user) -> bool:
        return is_manager(user)

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in SCOPED_ACTIONS and user.is_active and self._is_manager(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def _scoped_views(unit_lookup: str):
    """Index, edit, delete, history and usage views whose queryset is limited to the user's
    units (history and usage name the object and its changes: the same scope as editing)."""

    def scope(view, queryset):
        user = view.request.user
        if user.is_superuser:
            return queryset
        return queryset.filter(**{f"{unit_lookup}__in": units_for(user)})

    class IndexView(generic.IndexView):
        def get_base_queryset(self):
            return scope(self, super().get_base_queryset())

    class EditView(generic.EditView):
        def get_queryset(self):
            return scope(self, super().get_queryset())

    class DeleteView(generic.DeleteView):
        def get_queryset(self):
            return scope(self, super().get_queryset())

    class HistoryView(generic.HistoryView):
        def get_base_object_queryset(self):
            return scope(self, super().get_base_object_queryset())

    class UsageView(generic.UsageView):
        def get_base_object_queryset(self):
            return scope(self, super().get_base_object_queryset())

    return IndexView, EditView, DeleteView, HistoryView, UsageView


class OrgUnitForm(WagtailAdminModelForm):
    """Add a unit under a parent, rename it, or move it under another parent."""

    parent = UnitChoiceField(label=_("Thuộc đơn vị"), required=False)

    class Meta:
        model = OrgUnit
        fields = ["name", "kind", "code"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["parent"].queryset = units_for(for_user).active()
        if not (for_user and for_user.is_superuser):
            self.fields["parent"].required = True
        if self.instance.pk and self.instance.depth > 1:
            self.initial["parent"] = str(self.instance.get_parent().pk)

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("Không thể chuyển một đơn vị vào chính nó."))
        return parent

    def save(self, commit=True):
        parent = self.cleaned_data.get("parent")
        if self.instance.pk is None:
            self.instance = unit_create(
                name=self.instance.name,
                code=self.instance.code,
                kind=self.instance.kind,
                parent=parent,
            )
            return self.instance
        self.instance.save(update_fields=["name", "kind", "code"])
        current = self.instance.get_parent() if self.instance.depth > 1 else None
        if parent and (current is None or parent.pk != current.pk):
            return unit_move(unit=self.instance, parent=parent)
        return self.instance


unit_index, unit_edit, unit_delete, unit_history, unit_usage = _scoped_views("pk")


class UnitIndexView(unit_index):
    """The unit tree, with the way in to importing units and learners from a spreadsheet."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.request.user.has_perm("people.add_orgunit"):
            url = reverse("people_import")
            buttons.append(HeaderButton(_("Nhập từ bảng tính"), url=url, icon_name="upload"))
        return buttons


member_index, member_edit, member_delete, member_history, member_usage = _scoped_views("unit")


class MergeColumn(Column):
    """A link to merge the unit into another (the merge view asks for confirmation)."""

    def get_value(self, instance):
        if instance.merged_into_id:
            return ""
        return format_html(
            '<a class="button button-small button-secondary" href="{}">{}</a>',
            reverse("people_unit_merge", args=[instance.pk]),
            _("Gộp vào đơn vị khác"),
        )


class OrgUnitViewSet(ModelViewSet):
    model = OrgUnit
    icon = "group"
    menu_label = _("Cây đơn vị")
    add_to_admin_menu = False
    form_fields = ["name", "kind", "code"]
    list_display = [
        "tree_label",
        "kind",
        "code",
        "merged_into",
        MergeColumn("merge", label=_("Sáp nhập")),
    ]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    index_view_class = UnitIndexView
    edit_view_class = unit_edit
    delete_view_class = unit_delete
    history_view_class = unit_history
    usage_view_class = unit_usage
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return OrgUnitForm


class MembershipForm(WagtailAdminModelForm):
    unit = UnitChoiceField(label=_("Đơn vị"))

    class Meta:
        model = Membership
        fields = ["user", "unit", "valid_from", "valid_to"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.fields["unit"].queryset = units_for(for_user).active()
        if self.instance.pk:
            self.initial["unit"] = str(self.instance.unit_id)
            # A membership's person never changes: end it and add another instead.
            self.fields["user"].queryset = User.objects.filter(pk=self.instance.user_id)
            self.fields["user"].disabled = True
        else:
            # Only people already inside the viewer's units (or new ones, registered from
            # the members page): never someone from another commune (people_manageable_by).
            self.fields["user"].queryset = people_manageable_by(for_user)
        self.fields["user"].error_messages["invalid_choice"] = _(
            "Người này không thuộc đơn vị bạn quản lý, hoặc không có trong danh sách."
        )


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Thành viên đơn vị")
    add_to_admin_menu = False
    list_display = ["user", "unit", "valid_from", "valid_to"]
    search_fields = ["user__full_name", "user__username", "user__phone"]
    ordering = ["unit__path", "user__full_name"]
    index_view_class = member_index
    edit_view_class = member_edit
    delete_view_class = member_delete
    history_view_class = member_history
    usage_view_class = member_usage
    inspect_view_enabled = False
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return MembershipForm


class UnitRoleViewSet(ModelViewSet):
    model = UnitRole
    icon = "key"
    menu_label = _("Vai trò theo đơn vị")
    add_to_admin_menu = False
    form_fields = ["user", "unit", "role"]
    list_display = ["user", "role", "unit"]
    ordering = ["unit__path"]
    inspect_view_enabled = False
    copy_view_enabled = False


class PeopleViewSetGroup(ModelViewSetGroup):
    menu_label = _("Người học và đơn vị")
    menu_icon = "group"
    menu_order = 300
    items = (OrgUnitViewSet("don_vi"), MembershipViewSet("thanh_vien"), UnitRoleViewSet("vai_tro"))
