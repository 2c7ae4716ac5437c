"""Admin view for merging two units: choose the target, see what moves, confirm (POST)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import UnitChoiceField
from .models import OrgUnit
from .selectors import units_for
from .services import unit_merge, unit_merge_plan
from .viewsets import UnitScopedPolicy


def unit_merge_view(request, pk: int):
    if not UnitScopedPolicy(OrgUnit).user_has_permission(request.user, "change"):
        raise PermissionDenied
    scope = units_for(request.user).active()
    source = get_object_or_404(scope, pk=pk)
    field = UnitChoiceField(queryset=scope.exclude(path__startswith=source.path))
    data = request.POST if request.method == "POST" else request.GET
    plan, error = None, None
    if data.get("target"):
        try:
            target = field.clean(data["target"])
            plan = unit_merge_plan(source=source, target=target)
        except Exception as exc:  # noqa: BLE001 - any bad choice re-renders with a message
            error = getattr(exc, "messages", [_("Không thể gộp vào đơn vị này.")])[0]
    if request.method == "POST" and plan and data.get("confirm") == "1":
        unit_merge(source=source, target=plan.target)
        messages.success(
            request,
            _("Đã gộp %(source)s vào %(target)s.")
            % {"source": source.name, "target": plan.target.name},
        )
        return redirect("don_vi:index")
    return TemplateResponse(
        request,
        "people/admin/unit_merge.html",
        {
            "source": source,
            "choices": field.choices,
            "plan": plan,
            "error": error,
            "selected": data.get("target", ""),
        },
    )
