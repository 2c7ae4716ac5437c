"""Keeping the report roll-ups current, and rebuilding them from scratch.

What the roll-ups cover:
- *current* figures (`UnitCourseStat`, `UnitLearnerStat`): each learner counts in the unit of
  their primary membership valid on `RollupState.valid_on` (today, once advanced), with the
  enrolments, starts, completions and valid certificates they have now; `UnitCourseToCall`, in
  the same unit, their assigned enrolments to call on `valid_on` (not started, or overdue);
  `UnitQuizStat`, in the same unit, their finished quiz attempts (how many, passed, scores);
- *dated* figures (`UnitCourseDay`, `UnitLearnerDay`): per unit and day, how much the unit's own
  figures changed that day, so figures "as of" a past date are a sum over the days up to it.
  A learner's enrolment counts in a unit from the later of the day it happened and the day the
  learner began to count in the unit, until the day they stopped counting there: a learner's
  past stays with the unit they belonged to then;
- *events* (`UnitCourseEventDay`): per unit and day, the enrolments made and the courses
  completed by the learners who counted in the unit *on that day*, for the trend report. A
  learner who joins a unit later brings no events with them, and one who leaves takes none.

One learner, one unit: on any day a learner counts in one unit only, that of their *primary*
membership: of their memberships valid that day, the one that began last (the later created on
a tie). So a learner with two current memberships in one subtree is counted once, and a unit's
total is the sum of its children's rows. `reports.selectors` applies the same rule when it
recounts from the source rows.

How they stay current: every event (enrolment, first progress in a course, completion,
certificate issued or revoked, membership saved or deleted, a unit merge, which is membership
changes, a quiz attempt finished or deleted) asks for `learners_refresh(user_ids=…)`. A
refresh locks the learners' user rows, recomputes what each learner contributes from the
source tables, compares it with what they contributed so far (`LearnerCourseState`,
`LearnerQuizState`, `LearnerUnit`, `LearnerSpan`) and adds only the difference to the
counters, with one `INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`
per batch. So a refresh is idempotent: running it twice, late, or concurrently with another
refresh of the same learner gives the same counters; two learners' refreshes touching the same
counter row serialize on that row's lock, and every refresh takes the counter rows in one
global order (table by table, in key order), so they cannot deadlock.

Dates: memberships start and end on dates, so the passing of time changes current figures
without any event, and so does a due date passing (an enrolment to call moves from "not
started" to "overdue"). `rollups_advance()` (run by the selectors when the date has moved on)
refreshes exactly the learners whose memberships started or ended, or whose open assigned
enrolments fell due, since `valid_on`. The dated figures need no advancing: they already hold
every day.
"""

import datetime
import functools
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrollment, EnrollmentSource, Progress
from people.models import Membership, User

from .models import (
    LearnerCourseState,
    LearnerQuizState,
    LearnerSpan,
    LearnerUnit,
    RollupState,
    UnitCourseDay,
    UnitCourseEventDay,
    UnitCourseMonth,
    UnitCourseStat,
    UnitCourseToCall,
    UnitLearnerDay,
    UnitLearnerStat,
    UnitQuizBand,
    UnitQuizItem,
    UnitQuizStat,
)
from .quiz_counters import (
    BAND_FIELDS,
    ITEM_FIELDS,
    QUIZ_FIELDS,
    add_attempt,
    add_attempt_band,
    add_detail,
    add_response,
    band_deltas,
    detail_from_json,
    detail_to_json,
    detail_zero,
    details_by_quiz,
    figures_by_quiz,
    finished_attempts,
    finished_responses,
    item_deltas,
    learner_details,
    learner_figures,
    same_detail,
    zero,
)

logger = logging.getLogger(__name__)


def batched(iterable, size):
    """itertools.batched (Python 3.12) for Python 3.11."""
    iterator = iter(iterable)
    while batch := tuple(islice(iterator, size)):
        yield batch


CHUNK = 500
BATCH = 5000
UPSERT_ROWS = 100  # rows per INSERT … ON CONFLICT (8 parameters each: SQLite allows 999)
FIELDS = ("enrolled", "started", "completed", "certified")
EVENTS = ("enrolments", "completions")
DATES = ("enrolled_on", "started_on", "completed_on", "certified_on")
ASSIGNED_SOURCES = (EnrollmentSource.ASSIGNED, EnrollmentSource.BULK)
# What an enrolment adds to `UnitCourseToCall` (`LearnerCourseState.to_call`): nothing, one
# "not started" or one "overdue" (the index of its figure, plus one).
NOT_TO_CALL, NOT_STARTED, OVERDUE = 0, 1, 2
TO_CALL = ("not_started", "overdue")

# (enrolled_on, started_on, completed_on, certified_on): the local day each figure began to
# count for one enrolment, None when it has not happened.
State = tuple[datetime.date | None, ...]
# (unit_id, valid_from, valid_to): a span of days in which a learner counts in one unit.
Span = tuple[int, datetime.date, datetime.date | None]


def annotated_enrolments(*, as_of_end: datetime.datetime | None = None):
    """Enrolments with `is_started` and `is_certified` (optionally as of a moment)."""
    progress = Progress.objects.filter(
        user=OuterRef("user_id"), page__path__startswith=OuterRef("course__path")
    )
    certificates = Certificate.objects.valid().filter(
        user=OuterRef("user_id"), course=OuterRef("course_id")
    )
    enrolments = Enrollment.objects.all()
    if as_of_end is not None:
        progress = progress.filter(created_at__lte=as_of_end)
        certificates = certificates.filter(issued_at__lte=as_of_end)
        enrolments = enrolments.filter(enrolled_at__lte=as_of_end)
    return enrolments.annotate(is_started=Exists(progress), is_certified=Exists(certificates))


def dated_enrolments():
    """Enrolments with the moment of their first progress and of their first valid certificate."""
    first_progress = (
        Progress.objects.filter(
            user=OuterRef("user_id"), page__path__startswith=OuterRef("course__path")
        )
        .order_by("created_at")
        .values("created_at")[:1]
    )
    first_certificate = (
        Certificate.objects.valid()
        .filter(user=OuterRef("user_id"), course=OuterRef("course_id"))
        .order_by("issued_at")
        .values("issued_at")[:1]
    )
    return Enrollment.objects.annotate(
        first_progress=Subquery(first_progress), first_certificate=Subquery(first_certificate)
    )


def _day(moment: datetime.datetime | None) -> datetime.date | None:
    return None if moment is None else timezone.localdate(moment)


def _state_rows(enrolments, on: datetime.date) -> Iterable[tuple[int, int, State, int]]:
    """(user, course, state, to call on `on`) per enrolment (see `_state_of`, `_to_call`),
    streamed."""
    rows = enrolments.values_list(
        "source",
        "due_on",
        "user_id",
        "course_id",
        "enrolled_at",
        "first_progress",
        "completed_at",
        "first_certificate",
    )
    for source, due_on, user_id, course_id, enrolled_at, *moments in rows.iterator(
        chunk_size=BATCH
    ):
        state = _state_of(enrolled_at, *moments)
        call = _to_call(state, assigned=source in ASSIGNED_SOURCES, due_on=due_on, on=on)
        yield user_id, course_id, state, call


def _state_of(enrolled_at: datetime.datetime, *moments: datetime.datetime | None) -> State:
    """One enrolment's state from the moments it was made, first progressed, completed and
    first certified. A figure never counts before its enrolment: "as of" a day, a start,
    completion or certificate counts only for an enrolment made by then."""
    enrolled_on = _day(enrolled_at)
    later = tuple(None if moment is None else max(enrolled_on, _day(moment)) for moment in moments)
    return (enrolled_on, *later)


def _to_call(
    state: State, *, assigned: bool, due_on: datetime.date | None, on: datetime.date
) -> int:
    """Whether an enrolment is to call on `on`, and as what (reports.to_call's rule): assigned
    and not completed, overdue when its due date has passed (started or not), else not
    started when it is not."""
    if not assigned or state[2] is not None:
        return NOT_TO_CALL
    if due_on is not None and due_on < on:
        return OVERDUE
    return NOT_STARTED if state[1] is None else NOT_TO_CALL


def _vector(state: State) -> tuple[int, int, int, int]:
    """What an enrolment adds to the current counters."""
    return (1, *(int(day is not None) for day in state[1:]))


def primary_spans(memberships: Iterable[tuple]) -> list[Span]:
    """One learner's memberships (pk, unit_id, valid_from, valid_to) as the spans of days in
    which they count in one unit: on each day, the valid membership that began last (the
    larger pk on a tie) wins. Adjacent spans in the same unit are joined."""
    memberships = list(memberships)
    bounds = sorted(
        {row[2] for row in memberships} | {row[3] for row in memberships if row[3] is not None}
    )
    spans: list[list] = []
    for index, start in enumerate(bounds):
        end = bounds[index + 1] if index + 1 < len(bounds) else None
        valid = [
            row for row in memberships if row[2] <= start and (row[3] is None or row[3] > start)
        ]
        if not valid:
            continue
        unit_id = max(valid, key=lambda row: (row[2], row[0]))[1]
        if spans and spans[-1][0] == unit_id and spans[-1][2] == start:
            spans[-1][2] = end
        else:
            spans.append([unit_id, start, end])
    return [tuple(span) for span in spans]


def unit_on(spans: Iterable[Span], day: datetime.date) -> int | None:
    for unit_id, start, end in spans:
        if start <= day and (end is None or day < end):
            return unit_id
    return None


def _add_dated(
    spans: Iterable[Span],
    states: dict[int, State],
    sign: int,
    course_days: dict,
    learner_days: dict,
    *,
    events: dict,
) -> None:
    """Add (sign=1) or take off (sign=-1) one learner's dated contribution, their events too."""
    spans = list(spans)
    _add_events(spans, states, sign, events)
    for unit_id, start, end in spans:
        learner_days[(unit_id, start)] += sign
        if end is not None:
            learner_days[(unit_id, end)] -= sign
        for course_id, state in states.items():
            for index, day in enumerate(state):
                if day is None:
                    continue
                since = max(start, day)
                if end is not None and since >= end:
                    continue
                course_days[(unit_id, course_id, since)][index] += sign
                if end is not None:
                    course_days[(unit_id, course_id, end)][index] -= sign


def _add_events(spans: list[Span], states: dict[int, State], sign: int, events: dict) -> None:
    """Each enrolment and each completion as one event on its day, in the unit whose span covers
    that day (none when the learner counted nowhere that day): (unit, course, day) → [enrolments,
    completions]."""
    for course_id, state in states.items():
        for index, day in enumerate((state[0], state[2])):
            if day is not None and (unit_id := unit_on(spans, day)) is not None:
                events[(unit_id, course_id, day)][index] += sign


def _vectors() -> defaultdict:
    return defaultdict(lambda: [0, 0, 0, 0])


def _pairs() -> defaultdict:
    """Two counters per key: a day's (enrolments, completions), a unit and course's (not
    started, overdue) to call."""
    return defaultdict(lambda: [0, 0])


def _by_month(course_days: dict) -> dict:
    """Day deltas summed per (unit, course, first day of the month)."""
    months = _vectors()
    for (unit_id, course_id, day), delta in course_days.items():
        row = months[(unit_id, course_id, day.replace(day=1))]
        for index, value in enumerate(delta):
            row[index] += value
    return months


def is_built() -> bool:
    return RollupState.objects.exists()


# --- refresh --------------------------------------------------------------------------------


def learners_refresh(*, user_ids: Iterable[int], on: datetime.date | None = None) -> int:
    """Bring the roll-ups up to date for these learners; return how many counters moved.

    Nothing happens before the first rebuild (there is nothing to keep current). Each chunk of
    learners is one transaction, so a large assignment never holds many locks at once.
    """
    ids = sorted({int(pk) for pk in user_ids})
    if not ids:
        return 0
    on = on or timezone.localdate()
    moved = 0
    for chunk in batched(ids, CHUNK):
        with transaction.atomic():
            moved += _refresh_chunk(list(chunk), on)
    return moved


def learner_forget(*, user_id: int) -> int:
    """Take a learner who is being deleted off every counter (inside the deleting transaction)."""
    return _refresh_chunk([user_id], timezone.localdate(), forget=True)


def _spans_by_user(memberships) -> dict[int, list[Span]]:
    rows: dict[int, list[tuple]] = defaultdict(list)
    for user_id, *row in memberships.values_list(
        "user_id", "pk", "unit_id", "valid_from", "valid_to"
    ).order_by("user_id", "pk"):
        rows[user_id].append(tuple(row))
    return {user_id: primary_spans(found) for user_id, found in rows.items()}


def _lock_learners(user_ids: list[int]) -> bool:
    """Lock the learners' user rows, in key order: a learner's refreshes (and their mirror rows)
    serialize here. Return whether the roll-ups are built (read in the same query)."""
    built = (
        User.objects.select_for_update()
        .filter(pk__in=user_ids)
        .order_by("pk")
        .annotate(built=Exists(RollupState.objects.all()))
        .values_list("built", flat=True)
    )
    return any(list(built))


_NULLS = {
    "a": IntegerField(),
    "b": IntegerField(),
    **dict.fromkeys(("d1", "d2", "d3", "d4"), DateField()),
    **dict.fromkeys(("t1", "t2", "t3", "t4"), DateTimeField()),
    "c": IntegerField(),
    "x": DecimalField(max_digits=14, decimal_places=2),
    "y": DecimalField(max_digits=14, decimal_places=2),
    "j": TextField(),
}


def _rows_of(queryset, kind: str, *, typed: bool = False, **columns):
    """`queryset`'s rows in the one shape shared by `_learner_rows`: a kind, the user, two ids
    (a, b), four days (d1-d4), four moments (t1-t4), a count (c), two decimals (x, y) and a
    text (j); a column not given is NULL. The first query of a UNION gives its NULLs a type (PostgreSQL
    would take two untyped NULLs of one column for text); the others' NULLs take the type of
    the column."""
    values = [Value(kind, output_field=CharField()), F("user_id")]
    for name, field in _NULLS.items():
        if name in columns:
            column = columns[name]
            values.append(F(column) if isinstance(column, str) else column)
        else:
            null = Value(None, output_field=field)
            values.append(Cast(null, output_field=field) if typed else null)
    return queryset.order_by().values_list(*values)


@functools.cache
def _learner_row_queries() -> dict[str, QuerySet]:
    """The queries of `_learner_rows` for every learner, built once per process (building
    them costs more than running them); each refresh filters them to its learners."""
    dates = {f"d{index}": name for index, name in enumerate(DATES, start=1)}
    return {
        "s": _rows_of(
            LearnerSpan.objects.all(), "s", typed=True, b="unit_id", d1="valid_from", d2="valid_to"
        ),
        "u": _rows_of(LearnerUnit.objects.all(), "u", b="unit_id"),
        "c": _rows_of(LearnerCourseState.objects.all(), "c", a="course_id", b="to_call", **dates),
        "m": _rows_of(
            Membership.objects.all(), "m", a="pk", b="unit_id", d1="valid_from", d2="valid_to"
        ),
        "e": _rows_of(
            dated_enrolments().annotate(
                assigned=Case(When(source__in=ASSIGNED_SOURCES, then=1), default=0)
            ),
            "e",
            a="course_id",
            b="assigned",
            d1="due_on",
            t1="enrolled_at",
            t2="first_progress",
            t3="completed_at",
            t4="first_certificate",
        ),
        "q": _rows_of(
            LearnerQuizState.objects.all(),
            "q",
            a="quiz_id",
            b="attempts",
            c="passed",
            x="score_sum",
            j=Cast("detail", TextField()),
        ),
        "a": _rows_of(finished_attempts(), "a", a="quiz_id", b="passed_count", x="score"),
        "r": _rows_of(
            finished_responses(), "r", a="quiz_id", b="question_id", x="points", y="total"
        ),
    }


def _learner_rows(user_ids: list[int], *, forget: bool):
    """In one query: what the learners contributed so far (the mirror: their spans "s", units
    "u", course states "c", with what each added to the counters to call, and quiz figures
    "q", with their detail) and, unless they are being forgotten, what they contribute now
    (their memberships "m", dated enrolments "e", with whether each was assigned and its due
    date, finished attempts "a" and the answers "r" of those attempts)."""
    kinds = "sucqmear" if not forget else "sucq"
    spans, *parts = (_learner_row_queries()[kind].filter(user_id__in=user_ids) for kind in kinds)
    return spans.union(*parts, all=True)


def _refresh_chunk(user_ids: list[int], on: datetime.date, *, forget: bool = False) -> int:
    if not _lock_learners(user_ids):
        return 0  # before the first rebuild (or no such learners): nothing to keep current
    memberships: dict[int, list[tuple]] = defaultdict(list)
    old_spans: dict[int, list[Span]] = defaultdict(list)
    old_units: dict[int, set[int]] = defaultdict(set)
    old_states: dict[int, dict[int, State]] = defaultdict(dict)
    new_states: dict[int, dict[int, State]] = defaultdict(dict)
    old_calls: dict[int, dict[int, int]] = defaultdict(dict)
    new_calls: dict[int, dict[int, int]] = defaultdict(dict)
    old_quizzes: dict[int, dict] = defaultdict(figures_by_quiz)
    new_quizzes: dict[int, dict] = defaultdict(figures_by_quiz)
    old_details: dict[int, dict] = defaultdict(details_by_quiz)
    new_details: dict[int, dict] = defaultdict(details_by_quiz)
    for kind, user_id, a, b, *rest in _learner_rows(user_ids, forget=forget):
        days, moments, (count, score, total, detail) = rest[:4], rest[4:8], rest[8:]
        if kind == "q":
            old_quizzes[user_id][a] = [b, count, score]
            old_details[user_id][a] = detail_from_json(detail)
        elif kind == "a":
            add_attempt(new_quizzes[user_id][a], passed=b, score=score)
            add_attempt_band(new_details[user_id][a], passed=b, score=score)
        elif kind == "r":
            add_response(new_details[user_id][a], question_id=b, points=score, total=total)
        elif kind == "s":
            old_spans[user_id].append((b, days[0], days[1]))
        elif kind == "u":
            old_units[user_id].add(b)
        elif kind == "c":
            old_states[user_id][a] = tuple(days)
            old_calls[user_id][a] = b
        elif kind == "m":
            memberships[user_id].append((a, b, days[0], days[1]))
        else:
            state = new_states[user_id][a] = _state_of(*moments)
            new_calls[user_id][a] = _to_call(state, assigned=bool(b), due_on=days[0], on=on)
    for spans in old_spans.values():
        spans.sort(key=lambda span: span[1])
    new_spans = {user_id: primary_spans(rows) for user_id, rows in memberships.items()}
    new_units: dict[int, set[int]] = defaultdict(set)
    for user_id, spans in new_spans.items():
        if (unit_id := unit_on(spans, on)) is not None:
            new_units[user_id].add(unit_id)

    course_deltas, course_days, learner_days = _vectors(), _vectors(), defaultdict(int)
    course_events = _pairs()
    learner_deltas: dict[int, int] = defaultdict(int)
    call_deltas = _pairs()
    quiz_deltas = defaultdict(zero)
    bands, items = band_deltas(), item_deltas()
    for user_id in user_ids:
        old, new = old_states.get(user_id, {}), new_states.get(user_id, {})
        before, after = old_units.get(user_id, set()), new_units.get(user_id, set())
        for sign, states, units in ((-1, old, before), (1, new, after)):
            for course_id, state in states.items():
                for unit_id in units:
                    delta = course_deltas[(unit_id, course_id)]
                    for index, value in enumerate(_vector(state)):
                        delta[index] += sign * value
        for sign, calls, units in (
            (-1, old_calls.get(user_id, {}), before),
            (1, new_calls.get(user_id, {}), after),
        ):
            for course_id, call in calls.items():
                for unit_id in units if call else ():
                    call_deltas[(unit_id, course_id)][call - 1] += sign
        # A learner's figures and detail at a quiz come from the same rows: the same quizzes.
        for sign, quizzes, details, units in (
            (-1, old_quizzes.get(user_id, {}), old_details[user_id], before),
            (1, new_quizzes.get(user_id, {}), new_details[user_id], after),
        ):
            for quiz_id, figures in quizzes.items():
                for unit_id in units:
                    delta = quiz_deltas[(unit_id, quiz_id)]
                    for index, value in enumerate(figures):
                        delta[index] += sign * value
                    add_detail(
                        bands,
                        items,
                        unit_id=unit_id,
                        quiz_id=quiz_id,
                        detail=details[quiz_id],
                        sign=sign,
                    )
        for unit_id in after - before:
            learner_deltas[unit_id] += 1
        for unit_id in before - after:
            learner_deltas[unit_id] -= 1
        spans_before, spans_after = old_spans.get(user_id, []), new_spans.get(user_id, [])
        if old != new or spans_before != spans_after:
            _add_dated(spans_before, old, -1, course_days, learner_days, events=course_events)
            _add_dated(spans_after, new, 1, course_days, learner_days, events=course_events)

    moved = 0
    for model, keys, values, deltas in (
        (UnitCourseStat, ("unit_id", "course_id"), FIELDS, course_deltas),
        (
            UnitLearnerStat,
            ("unit_id",),
            ("learners",),
            {(k,): [v] for k, v in learner_deltas.items()},
        ),
        (UnitCourseDay, ("unit_id", "course_id", "day"), FIELDS, course_days),
        (UnitCourseMonth, ("unit_id", "course_id", "month"), FIELDS, _by_month(course_days)),
        (UnitCourseEventDay, ("unit_id", "course_id", "day"), EVENTS, course_events),
        (
            UnitLearnerDay,
            ("unit_id", "day"),
            ("learners",),
            {k: [v] for k, v in learner_days.items()},
        ),
        (UnitCourseToCall, ("unit_id", "course_id"), TO_CALL, call_deltas),
        (UnitQuizStat, ("unit_id", "quiz_id"), QUIZ_FIELDS, quiz_deltas),
        (UnitQuizBand, ("unit_id", "quiz_id", "band"), BAND_FIELDS, bands),
        (UnitQuizItem, ("unit_id", "quiz_id", "question_id"), ITEM_FIELDS, items),
    ):
        moved += _add_to_counters(model, keys, values, deltas)
    _write_quiz_mirror(user_ids, (old_quizzes, new_quizzes), (old_details, new_details))
    _write_mirror(
        user_ids,
        old_states,
        new_states,
        old_units,
        new_units,
        old_spans,
        new_spans,
        calls=(old_calls, new_calls),
    )
    return moved


def _add_to_counters(model, key_fields, value_fields, deltas: dict) -> int:
    """Add each non-zero delta to its counter row (creating it at zero first if need be), in
    key order: `INSERT … ON CONFLICT (key) DO UPDATE SET n = table.n + excluded.n`. One
    statement per batch both creates and locks the rows, in the order of its VALUES."""
    rows = sorted(
        (tuple(key) if isinstance(key, tuple) else (key,), list(delta))
        for key, delta in deltas.items()
        if any(delta)
    )
    if not rows:
        return 0
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    opts = model._meta
    keys = [quote(opts.get_field(name.removesuffix("_id")).column) for name in key_fields]
    values = [quote(opts.get_field(name).column) for name in value_fields]
    stamped = any(field.name == "updated_at" for field in opts.concrete_fields)
    columns = [*keys, *values, *([quote("updated_at")] if stamped else [])]
    updates = [f"{column} = {table}.{column} + excluded.{column}" for column in values]
    if stamped:
        updates.append(f"{quote('updated_at')} = excluded.{quote('updated_at')}")
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    placeholder = "(" + ", ".join(["%s"] * len(columns)) + ")"
    with connection.cursor() as cursor:
        for batch in batched(rows, UPSERT_ROWS):
            params = []
            for key, delta in batch:
                params += [
                    connection.ops.adapt_datefield_value(part)
                    if isinstance(part, datetime.date)
                    else part
                    for part in key
                ]
                params += delta
                if stamped:
                    params.append(now)
            # Only quoted column names and placeholders are formatted in; values are parameters.
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "  # noqa: S608  # nosec B608
            sql += ", ".join([placeholder] * len(batch))
            on_conflict = f"ON CONFLICT ({', '.join(keys)})"  # nosec B608: quoted model names
            sql += f" {on_conflict} DO UPDATE SET {', '.join(updates)}"  # nosec B608
            cursor.execute(sql, params)
    return len(rows)


def _delete_matching(model, conditions: list[Q]) -> None:
    """Delete the mirror rows matching any of `conditions`, in one statement."""
    if conditions:
        match = Q(pk__in=[])
        for condition in conditions:
            match |= condition
        model.objects.filter(match).delete()


def _write_quiz_mirror(user_ids, quizzes, details) -> None:
    gone, changed = [], []
    for user_id in user_ids:
        old, new = quizzes[0].get(user_id, {}), quizzes[1].get(user_id, {})
        old_detail, new_detail = details[0].get(user_id, {}), details[1].get(user_id, {})
        gone += [Q(user_id=user_id, quiz_id=quiz_id) for quiz_id in old.keys() - new.keys()]
        changed += [
            LearnerQuizState(
                user_id=user_id,
                quiz_id=quiz_id,
                attempts=n,
                passed=p,
                score_sum=score,
                detail=detail_to_json(new_detail[quiz_id]),
            )
            for quiz_id, (n, p, score) in new.items()
            if old.get(quiz_id) != [n, p, score]
            or not same_detail(old_detail.get(quiz_id), new_detail[quiz_id])
        ]
    _delete_matching(LearnerQuizState, gone)
    if changed:
        LearnerQuizState.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["user", "quiz"],
            update_fields=[*QUIZ_FIELDS, "detail"],
        )


def _write_mirror(
    user_ids, old_states, new_states, old_units, new_units, old_spans, new_spans, *, calls
) -> None:
    gone, changed = [], []
    for user_id in user_ids:
        old, new = old_states.get(user_id, {}), new_states.get(user_id, {})
        old_call, new_call = calls[0].get(user_id, {}), calls[1].get(user_id, {})
        gone += [Q(user_id=user_id, course_id=course_id) for course_id in old.keys() - new.keys()]
        changed += [
            LearnerCourseState(
                user_id=user_id,
                course_id=course_id,
                **dict(zip(DATES, state, strict=True)),
                started=state[1] is not None,
                completed=state[2] is not None,
                certified=state[3] is not None,
                to_call=new_call[course_id],
            )
            for course_id, state in new.items()
            if old.get(course_id) != state or old_call.get(course_id) != new_call[course_id]
        ]
    _delete_matching(LearnerCourseState, gone)
    if changed:
        LearnerCourseState.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["user", "course"],
            update_fields=["started", "completed", "certified", *DATES, "to_call"],
        )
    left, joined = [], []
    for user_id in user_ids:
        old, new = old_units.get(user_id, set()), new_units.get(user_id, set())
        left += [Q(user_id=user_id, unit_id=unit_id) for unit_id in old - new]
        joined += [LearnerUnit(user_id=user_id, unit_id=unit_id) for unit_id in new - old]
    _delete_matching(LearnerUnit, left)
    if joined:
        LearnerUnit.objects.bulk_create(joined, ignore_conflicts=True)
    moved = [
        user_id for user_id in user_ids if old_spans.get(user_id, []) != new_spans.get(user_id, [])
    ]
    if moved:
        LearnerSpan.objects.filter(user_id__in=moved).delete()
        LearnerSpan.objects.bulk_create(
            LearnerSpan(user_id=user_id, unit_id=unit_id, valid_from=start, valid_to=end)
            for user_id in moved
            for unit_id, start, end in new_spans.get(user_id, [])
        )


# --- dates ----------------------------------------------------------------------------------


def rollups_valid_on() -> datetime.date | None:
    """The date the roll-ups are correct for; None before the first rebuild."""
    return RollupState.objects.values_list("valid_on", flat=True).first()


def rollups_advance(*, today: datetime.date | None = None) -> int:
    """Move the roll-ups to `today`: refresh the learners whose memberships began or ended, or
    whose open assigned enrolments fell due (overdue from a day after the roll-ups' date on),
    since the roll-ups' date. Return how many learners were refreshed."""
    today = today or timezone.localdate()
    valid_on = rollups_valid_on()
    if valid_on is None or valid_on >= today:
        return 0
    crossed = Q(valid_from__gt=valid_on, valid_from__lte=today) | Q(
        valid_to__gt=valid_on, valid_to__lte=today
    )
    fell_due = Enrollment.objects.filter(
        source__in=ASSIGNED_SOURCES,
        completed_at__isnull=True,
        due_on__gte=valid_on,
        due_on__lt=today,
    )
    user_ids = set(
        Membership.objects.filter(crossed)
        .order_by()
        .values_list("user_id", flat=True)
        .union(fell_due.order_by().values_list("user_id", flat=True))
    )
    learners_refresh(user_ids=user_ids, on=today)
    RollupState.objects.filter(valid_on__lt=today).update(valid_on=today)
    return len(user_ids)


# --- rebuild --------------------------------------------------------------------------------


def rollups_rebuild(*, on: datetime.date | None = None) -> dict[str, int]:
    """Recompute every roll-up from the source tables in one transaction, in bulk.

    A handful of queries plus one INSERT per 5,000 rows. On PostgreSQL the roll-up tables are
    locked first, so a refresh that runs meanwhile waits and then applies its difference to
    the rebuilt figures.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        models = (
            UnitCourseStat,
            UnitLearnerStat,
            UnitCourseDay,
            UnitCourseMonth,
            UnitCourseEventDay,
            UnitLearnerDay,
            UnitCourseToCall,
            UnitQuizStat,
            UnitQuizBand,
            UnitQuizItem,
            LearnerCourseState,
            LearnerQuizState,
            LearnerUnit,
            LearnerSpan,
            RollupState,
        )
        if connection.vendor == "postgresql":
            tables = ", ".join(model._meta.db_table for model in models)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        for model in models:
            model.objects.all().delete()

        spans_by_user = _spans_by_user(Membership.objects.all())
        unit_of: dict[int, int] = {}
        learners: dict[int, int] = defaultdict(int)
        for user_id, spans in spans_by_user.items():
            if (unit_id := unit_on(spans, on)) is not None:
                unit_of[user_id] = unit_id
                learners[unit_id] += 1
        insert_rows(LearnerUnit, ("user_id", "unit_id"), unit_of.items())
        insert_rows(
            LearnerSpan,
            ("user_id", "unit_id", "valid_from", "valid_to"),
            ((user_id, *span) for user_id, spans in spans_by_user.items() for span in spans),
        )

        stats, course_days, learner_days = _vectors(), _vectors(), defaultdict(int)
        course_events = _pairs()
        for spans in spans_by_user.values():
            _add_dated(spans, {}, 1, course_days, learner_days, events=course_events)
        ignored = defaultdict(int)
        to_call = _pairs()

        def states():
            for user_id, course_id, state, call in _state_rows(dated_enrolments(), on):
                if (unit_id := unit_of.get(user_id)) is not None:
                    row = stats[(unit_id, course_id)]
                    for index, value in enumerate(_vector(state)):
                        row[index] += value
                    if call:
                        to_call[(unit_id, course_id)][call - 1] += 1
                _add_dated(
                    spans_by_user.get(user_id, ()),
                    {course_id: state},
                    1,
                    course_days,
                    ignored,
                    events=course_events,
                )
                yield (
                    user_id,
                    course_id,
                    state[1] is not None,
                    state[2] is not None,
                    state[3] is not None,
                    *state,
                    call,
                )

        state_count = insert_rows(
            LearnerCourseState,
            ("user_id", "course_id", "started", "completed", "certified", *DATES, "to_call"),
            states(),
        )
        now = timezone.now()
        insert_rows(
            UnitCourseStat,
            ("unit_id", "course_id", *FIELDS, "updated_at"),
            ((*key, *row, now) for key, row in stats.items()),
        )
        insert_rows(
            UnitLearnerStat,
            ("unit_id", "learners", "updated_at"),
            ((*item, now) for item in learners.items()),
        )
        insert_rows(
            UnitCourseDay,
            ("unit_id", "course_id", "day", *FIELDS),
            ((*key, *row) for key, row in course_days.items() if any(row)),
        )
        insert_rows(
            UnitCourseMonth,
            ("unit_id", "course_id", "month", *FIELDS),
            ((*key, *row) for key, row in _by_month(course_days).items() if any(row)),
        )
        insert_rows(
            UnitCourseEventDay,
            ("unit_id", "course_id", "day", *EVENTS),
            ((*key, *row) for key, row in course_events.items() if any(row)),
        )
        insert_rows(
            UnitLearnerDay,
            ("unit_id", "day", "learners"),
            ((*key, n) for key, n in learner_days.items() if n),
        )
        insert_rows(
            UnitCourseToCall,
            ("unit_id", "course_id", *TO_CALL),
            ((*key, *row) for key, row in to_call.items()),
        )
        quiz_stats = defaultdict(zero)
        bands, items = band_deltas(), item_deltas()
        details = learner_details()

        def quiz_states():
            for user_id, quiz_id, *figures in learner_figures().iterator():
                figures[2] = figures[2] or 0
                detail = details.get((user_id, quiz_id)) or detail_zero()
                if (unit_id := unit_of.get(user_id)) is not None:
                    row = quiz_stats[(unit_id, quiz_id)]
                    for index, value in enumerate(figures):
                        row[index] += value
                    add_detail(
                        bands, items, unit_id=unit_id, quiz_id=quiz_id, detail=detail, sign=1
                    )
                yield (user_id, quiz_id, *figures, json.dumps(detail_to_json(detail)))

        quiz_state_count = insert_rows(
            LearnerQuizState, ("user_id", "quiz_id", *QUIZ_FIELDS, "detail"), quiz_states()
        )
        insert_rows(
            UnitQuizStat,
            ("unit_id", "quiz_id", *QUIZ_FIELDS),
            ((*key, *row) for key, row in quiz_stats.items()),
        )
        insert_rows(
            UnitQuizBand,
            ("unit_id", "quiz_id", "band", *BAND_FIELDS),
            ((*key, *row) for key, row in bands.items()),
        )
        insert_rows(
            UnitQuizItem,
            ("unit_id", "quiz_id", "question_id", *ITEM_FIELDS),
            ((*key, *row) for key, row in items.items()),
        )
        RollupState.objects.create(valid_on=on)
    figures = {
        "unit_course_stats": len(stats),
        "unit_learner_stats": len(learners),
        "learner_course_states": state_count,
        "learner_units": len(unit_of),
        "unit_course_days": sum(1 for row in course_days.values() if any(row)),
        "unit_course_event_days": sum(1 for row in course_events.values() if any(row)),
        "unit_course_to_call": len(to_call),
        "learner_quiz_states": quiz_state_count,
        "unit_quiz_stats": len(quiz_stats),
    }
    logger.info("report roll-ups rebuilt: %s", figures)
    return figures


def insert_rows(model, columns: tuple[str, ...], rows: Iterable[tuple]) -> int:
    """Insert plain tuples into a model's table (no model instances, no signals): COPY on
    PostgreSQL, executemany in batches on SQLite. Return how many rows were written."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One COPY per batch: `rows` may come from a query on this same connection, which
            # cannot be read while a COPY is open.
            for batch in batched(rows, BATCH):
                with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
                count += len(batch)
            return count
        ops = connection.ops

        def adapt(value):
            if isinstance(value, datetime.datetime):
                return ops.adapt_datetimefield_value(value)
            if isinstance(value, datetime.date):
                return ops.adapt_datefield_value(value)
            return value

        # Only the model's quoted table and column names are formatted in.
        placeholders = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"  # noqa: S608  # nosec B608
        for batch in batched(rows, BATCH):
            cursor.executemany(sql, [tuple(adapt(value) for value in row) for row in batch])
            count += len(batch)
    return count
