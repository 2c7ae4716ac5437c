"""Filter sets of the reports: unit (from the viewer's scope), course and as-of date."""

import django_filters
from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from people.selectors import units_for

from . import widgets
from .gaps import DEFAULT_LEVEL
from .lookups import evaluated, live_courses, live_quizzes
from .trend import DEFAULT_WEEKS, WEEK_CHOICES


class _PreloadedIterator(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset:  # the rows already read, not `.iterator()`'s new query
            yield self.choice(obj)


class PreloadedChoiceField(forms.ModelChoiceField):
    """A model choice over a queryset that was already evaluated (the viewer's scope read once
    by the view, a cached lookup): its options and its validation use those rows rather than
    asking the database again. An unevaluated queryset behaves as in ModelChoiceField."""

    iterator = _PreloadedIterator
    widget = widgets.Select  # a province's manager has some 180 units to choose from

    def _set_queryset(self, queryset):
        rows = None if queryset is None else queryset._result_cache
        super()._set_queryset(queryset)  # a clone, which drops the rows: give them back
        if rows is not None:
            evaluated(self._queryset, rows)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def __deepcopy__(self, memo):
        # Each form copies its fields, and ModelChoiceField's copy clones the queryset.
        result = super().__deepcopy__(memo)
        rows = None if self.queryset is None else self.queryset._result_cache
        if rows is not None:
            evaluated(result._queryset, rows)
        return result

    def to_python(self, value):
        rows = self.queryset._result_cache
        if value in self.empty_values or rows is None:
            return super().to_python(value)
        key = self.to_field_name or "pk"
        if isinstance(value, self.queryset.model):
            value = getattr(value, key)
        for obj in rows:
            if str(getattr(obj, key)) == str(value):
                return obj
        raise forms.ValidationError(
            self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        )


class PreloadedChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = PreloadedChoiceField


class UnitChoiceField(PreloadedChoiceField):
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
    """The viewer's units, as read once by the view (ScopedReportMixin)."""
    scope = getattr(request, "report_scope", None)
    return units_for(request.user).order_by("path") if scope is None else scope


def _courses(request):
    return live_courses()


def _quizzes(request):
    return live_quizzes()


class ToCallFilterSet(WagtailFilterSet):
    unit = UnitFilter(
        label=_("Đơn vị"), queryset=_scoped_units, empty_label=_("Mọi đơn vị"), method=_keep
    )
    course = PreloadedChoiceFilter(
        label=_("Khóa học"), queryset=_courses, empty_label=_("Mọi khóa học"), method=_keep
    )

    class Meta:
        form = ReportFilterForm


class CompletionFilterSet(ToCallFilterSet):
    as_of = django_filters.DateFilter(
        label=_("Tính đến ngày"), widget=widgets.DateInput, method=_keep
    )

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
    return django_filters.DateFilter(
        label=_("Tính đến ngày"), widget=widgets.DateInput, method=_keep
    )


class OverviewFilterSet(WagtailFilterSet):
    unit = _unit_filter()
    as_of = _as_of_filter()

    class Meta:
        form = ReportFilterForm


class QuizResultsFilterSet(CompletionFilterSet):
    quiz = PreloadedChoiceFilter(
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
        widget=widgets.Select,
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
        widget=widgets.Select,
    )

    class Meta:
        form = ReportFilterForm
