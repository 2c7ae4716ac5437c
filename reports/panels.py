"""The reports panel on the Wagtail admin's home page: the viewer's unit in four numbers and
the three child units furthest behind, with links into the reports.

A manager sees the unit of their role; an administrator the top of the tree (the province).
Nothing is shown to people with an empty scope.
"""

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from people.selectors import units_for

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
