"""What every report view shares: the viewer's scope, filters that only validate, rows
from a selector. Exports are written by lms.exports (formulas neutralised, CSV with a
byte-order mark)."""

import datetime
import re
from abc import ABC, abstractmethod

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from lms.admin_chrome import person_key, scope_memo
from people.models import OrgUnit
from people.selectors import has_unit_scope, units_for


class ScopedReportMixin(ABC):
    """Only people with a unit scope; a unit outside the scope in the query string is a 404.
    Rows come from a selector (`read`), not a queryset: none until the filters are valid."""

    header_icon = "table"
    paginate_by = None

    def dispatch(self, request, *args, **kwargs):
        if not has_unit_scope(request.user):  # the user's roles, read once per request
            raise PermissionDenied
        # The viewer's units (ordered by path, so the first is the top of the scope), shared
        # with the filters' unit dropdown, the selectors' scope check and the foreign-unit
        # check below: an evaluated queryset, so none of them asks again.
        refusal = query_refusal(request.GET, self.filterset_class)
        if refusal:
            return TemplateResponse(
                request, "reports/bad_query.html", {"reason": refusal}, status=400
            )
        scope = request.report_scope = viewer_scope(request)
        units = scope._result_cache
        raw_unit = request.GET.get("unit", "")
        foreign = raw_unit.isdigit() and all(str(unit.pk) != raw_unit for unit in units)
        if foreign and OrgUnit.objects.filter(pk=raw_unit).exists():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        # The filters only validate (the selectors read the cleaned values), so their
        # queryset is never evaluated.
        return {**super().get_filterset_kwargs(), "queryset": OrgUnit.objects.none()}

    def get_queryset(self):
        return []

    def get_filtered_queryset(self):
        return [] if self.cleaned is None else self.read()

    @abstractmethod
    def read(self) -> list:
        """The report's rows from its selector: each report view defines it (a view without
        it cannot be made)."""

    @cached_property
    def cleaned(self) -> dict | None:
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data

    def get_heading(self, queryset, field):
        return str(self.export_headings.get(field, field))

    def chosen_unit(self) -> OrgUnit:
        """The unit in the filter, else the top of the viewer's scope."""
        return self.cleaned.get("unit") or next(iter(self.request.report_scope), None)

    def chosen_as_of(self) -> datetime.date:
        return self.cleaned.get("as_of") or timezone.localdate()

    def drill_down_url(self, unit: OrgUnit) -> str:
        """This page's query with `unit` set (in its place, else last), without the export
        and the page number."""
        before, after = self._drill_down_query
        return f"{self.index_url}?{before}unit={unit.pk}{after}"

    @cached_property
    def _drill_down_query(self) -> tuple[str, str]:
        """The encoded query before and after the unit, read once for the fifty rows of a
        province rather than copying and encoding the query once per row."""
        params = self.request.GET.copy()
        params.pop("export", None)
        params.pop("p", None)
        keys = list(params)
        at = keys.index("unit") if "unit" in keys else len(keys)
        before, after = QueryDict(mutable=True), QueryDict(mutable=True)
        for index, key in enumerate(keys):
            if index != at:
                (before if index < at else after).setlist(key, params.getlist(key))
        return (
            f"{before.urlencode()}&" if before else "",
            f"&{after.urlencode()}" if after else "",
        )

    def filename_parts(self, unit: OrgUnit | None = None) -> list[str]:
        cleaned = self.cleaned or {}
        parts = []
        unit = unit or cleaned.get("unit")
        if unit:
            parts.append(unit.code)
        if cleaned.get("course"):
            parts.append(cleaned["course"].slug)
        return parts


STRICT_ID = re.compile(r"[1-9][0-9]*", re.ASCII)


def query_refusal(query: QueryDict, filterset_class) -> str | None:
    """Why a report's query string is refused (a 400), or None. Each filter and `export`
    comes at most once (`unit=6&unit=2` would otherwise mean whichever the code reads), and
    an id or a number is plain ASCII digits: ` 6`, `6.0`, `+6`, `06` and `６` are refused
    rather than read one way by the scope check and another by the filter."""
    for name in [*filterset_class.base_filters, "export"]:
        values = query.getlist(name)
        if len(values) > 1:
            return _("Tham số “%(name)s” chỉ được có một giá trị.") % {"name": name}
        if not values or values[0] == "" or not _is_numeric(filterset_class.base_filters.get(name)):
            continue
        if not STRICT_ID.fullmatch(values[0]):
            return _("Tham số “%(name)s” phải là một số nguyên dương, không kèm ký tự khác.") % {
                "name": name
            }
    return None


def _is_numeric(filter_) -> bool:
    """A filter whose value is an id (a model choice) or one of a list of numbers."""
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        return True
    if isinstance(filter_, django_filters.ChoiceFilter):
        choices = filter_.extra.get("choices") or []
        return bool(choices) and all(isinstance(value, int) for value, _label in choices)
    return False


def viewer_scope(request) -> QuerySet[OrgUnit]:
    """`units_for(request.user)` by path, evaluated. Its rows are kept in this process under
    the person's admin chrome key (lms.admin_chrome), which changes with the person, their
    unit roles and any unit saved, deleted or moved: a province's manager has some 180 units,
    and making their model instances cost a tenth of a report page. Shared instances: the
    views only read them."""
    scope = units_for(request.user).order_by("path")
    key = person_key(request)
    units = list(scope) if key is None else scope_memo.get_or_compute(key, lambda: list(scope))
    scope._result_cache, scope._prefetch_done = units, True
    return scope


def _date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")
