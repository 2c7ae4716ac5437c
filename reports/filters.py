"""Filter sets of the reports: unit (from the viewer's scope), course and as-of date."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from courses.models import CoursePage
from people.selectors import units_for
from quizzes.models import QuizPage

from .gaps import DEFAULT_LEVEL
from .trend import DEFAULT_WEEKS, WEEK_CHOICES


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.tree_label


class UnitFilter(django_filters.ModelChoiceFilter):
    field_class = UnitChoiceField


class ReportFilterForm(forms.Form):
    def clean_as_of(self):
        as_of = self.cleaned_data.get("as_of")
        if as_of and as_of > timezone.localdate():
            raise forms.ValidationError(_("Ngày tính số liệu không được ở tương lai."))
        return as_of


def _keep(queryset, name, value):
    """The report views read cleaned values themselves; the filters only validate."""
    return queryset


def _scoped_units(request):
    scope = getattr(request, "report_scope", None)
    scope = units_for(request.user) if scope is None else scope
    return scope.only("pk", "name", "depth", "path", "code")


def _courses(request):
    return CoursePage.objects.live().order_by("title").only("pk", "title")


def _quizzes(request):
    return QuizPage.objects.live().order_by("path").only("pk", "title")


class ToCallFilterSet(WagtailFilterSet):
    unit = UnitFilter(
        label=_("Đơn vị"), queryset=_scoped_units, empty_label=_("Mọi đơn vị"), method=_keep
    )
    course = django_filters.ModelChoiceFilter(
        label=_("Khóa học"), queryset=_courses, empty_label=_("Mọi khóa học"), method=_keep
    )

    class Meta:
        form = ReportFilterForm


class CompletionFilterSet(ToCallFilterSet):
    as_of = django_filters.DateFilter(label=_("Tính đến ngày"), widget=AdminDateInput, method=_keep)

    class Meta:
        form = ReportFilterForm


def _format(text, **values) -> str:
    """`text % values`, translated when shown rather than at import (see _lazy_format)."""
    return str(text) % values


_lazy_format = lazy(_format, str)


def _unit_filter():
    return UnitFilter(
        label=_("Đơn vị"), queryset=_scoped_units, empty_label=_("Đơn vị của tôi"), method=_keep
    )


def _as_of_filter():
    return django_filters.DateFilter(label=_("Tính đến ngày"), widget=AdminDateInput, method=_keep)


class OverviewFilterSet(WagtailFilterSet):
    unit = _unit_filter()
    as_of = _as_of_filter()

    class Meta:
        form = ReportFilterForm


class QuizResultsFilterSet(CompletionFilterSet):
    quiz = django_filters.ModelChoiceFilter(
        label=_("Bài kiểm tra"),
        queryset=_quizzes,
        empty_label=_("Bài có nhiều lượt làm nhất"),
        method=_keep,
    )

    class Meta:
        form = ReportFilterForm


class TrendFilterSet(CompletionFilterSet):
    weeks = django_filters.ChoiceFilter(
        label=_("Số tuần gần nhất"),
        choices=[(n, str(n)) for n in WEEK_CHOICES],
        empty_label=_lazy_format(_("%(weeks)s tuần (mặc định)"), weeks=DEFAULT_WEEKS),
        method=_keep,
    )

    class Meta:
        form = ReportFilterForm


LEVEL_CHOICES = [(n, _lazy_format(_("Bậc %(level)s trở lên"), level=n)) for n in range(1, 9)]


class GapsFilterSet(WagtailFilterSet):
    unit = _unit_filter()
    level = django_filters.ChoiceFilter(
        label=_("Bậc năng lực"),
        choices=LEVEL_CHOICES,
        empty_label=_lazy_format(_("Bậc %(level)s trở lên (mặc định)"), level=DEFAULT_LEVEL),
        method=_keep,
    )

    class Meta:
        form = ReportFilterForm
