"""The reports panel on the Wagtail admin's home page: the viewer's unit in four numbers and
the three child units furthest behind, with links into the reports.

A manager sees the unit of their role; an administrator the top of the tree (the province).
Nothing is shown to people with an empty scope.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)

from people.selectors import has_unit_scope, units_for

from .selectors import completion_by_unit

BEHIND_COUNT = 3


class ReportsHomePanel(Component):
    name = "reports"
    template_name = "reports/home_panel.html"
    order = 50  # above Wagtail's own panels: for a manager this is the reason to log in

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        unit = units_for(user).order_by("path").first()
        if unit is None:
            return {"report": None}
        report = completion_by_unit(user=user, unit=unit, as_of=timezone.localdate())
        children = [row for row in report.rows if row.unit is not None and row.learners]
        behind = sorted(children, key=lambda row: (row.completion_rate, -row.learners, row.label))
        return {"report": report, "behind": behind[:BEHIND_COUNT]}

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if context["report"] is None:
            return ""
        return render_to_string(self.template_name, context, request=self.request)


# Wagtail's home panels about editing pages: the viewer's pages in moderation, the pages
# awaiting their review and their recent edits. For someone with no permission on any page
# (a manager who only reads reports) they can only be empty or lead to pages they may not
# open, yet they cost six queries on every visit to the home page.
PAGE_EDITING_PANELS = (
    WorkflowObjectsToModeratePanel,
    UserObjectsInWorkflowModerationPanel,
    RecentEditsPanel,
)


def home_panels_for(request, panels: list) -> None:
    """The admin home of a report reader: our panel, without the page editors' panels.
    The page permission check is the one Wagtail's menu makes (cached on the user)."""
    if not user_has_any_page_permission(request.user):
        panels[:] = [panel for panel in panels if not isinstance(panel, PAGE_EDITING_PANELS)]
    if has_unit_scope(request.user):
        panels.append(ReportsHomePanel(request))
