"""Reading the current counters (`UnitCourseToCall`, `UnitQuizStat`, …) together with the
date they hold, in one query.

The counters are correct for one day only, `RollupState.valid_on`. A report that reads them
must know that day in the same snapshot, or a refresh between two queries could pair counters
with the wrong date; and it must bring the roll-ups forward when the date has moved on since
(memberships begin and end, due dates pass, without any event). `counters_on` does both, so
each report only says which counters it sums.
"""

import datetime

from django.db.models import CharField, IntegerField, QuerySet, Value
from django.db.models.functions import Cast
from django.utils import timezone

from .models import RollupState
from .rollups import rollups_advance


def counters_on(counters: QuerySet, *more: QuerySet, on: datetime.date) -> list[tuple] | None:
    """The rows of `counters` (a `values_list` of counters, grouped and summed), and of `more`
    such querysets of as many columns, as tuples, read in one query with the roll-ups' date;
    None when the roll-ups do not hold `on` (never built, or another day): the caller then
    counts from the source rows. When `on` is today and the roll-ups were last advanced on a
    day before, they are brought forward and read again."""
    width = len(counters.query.values_select) + len(counters.query.annotation_select)
    nulls = {f"column_{index}": Value(None, output_field=IntegerField()) for index in range(width)}
    state = RollupState.objects.annotate(
        **nulls, rollups_day=Cast("valid_on", CharField())
    ).values_list(*nulls, "rollups_day")
    # The counters come first: the union's columns take their types (Decimal sums stay Decimal
    # on SQLite); the state row's date is in the last column, empty on every counter row.
    first, *others = (
        queryset.annotate(rollups_day=Value("", output_field=CharField())).order_by()
        for queryset in (counters, *more)
    )
    rows = list(first.union(*others, state, all=True))
    valid_on = next((row[-1] for row in rows if row[-1]), None)
    if valid_on is None:
        return None
    today = timezone.localdate()
    if valid_on < on.isoformat() and on == today:
        rollups_advance(today=today)
        return counters_on(counters, *more, on=on)
    if valid_on != on.isoformat():
        return None
    return [row[:-1] for row in rows if not row[-1]]
