"""Admin menu entries of the courses app."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem

from people.selectors import is_manager

from .selectors import manager_units_for


class CourseAssignMenuItem(MenuItem):
    """'Giao khóa học', shown only to people who manage at least one unit."""

    def __init__(self):
        super().__init__(
            _("Giao khóa học"), reverse("courses:assign"), icon_name="group", order=250
        )

    def is_shown(self, request):
        user = request.user
        if not user.is_superuser:
            # From the roles read once per request; a merge moves roles to the active unit.
            return is_manager(user)
        return manager_units_for(user).exists()
