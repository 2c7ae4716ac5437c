"""Keeping the report roll-ups current, and rebuilding them from scratch.

What the roll-ups cover: *current* figures — each learner counts in the units of their
memberships that are valid on `RollupState.valid_on` (today, once advanced), with the
enrolments, starts, completions and valid certificates they have now. Figures "as of" a past
date are not in the roll-ups; `reports.selectors` computes those directly from the dated
source rows.

How they stay current: every event (enrolment, first progress in a course, completion,
certificate issued or revoked, membership saved or deleted, a unit merge, which is membership
changes) asks for `learners_refresh(user_ids=…)`. A refresh locks the learners' user rows,
recomputes what each learner contributes from the source tables, compares it with what they
contributed so far (`LearnerCourseState`, `LearnerUnit`) and adds only the difference to the
counters with `F()` expressions. So a refresh is idempotent: running it twice, late, or
concurrently with another refresh of the same learner gives the same counters; two learners'
refreshes touching the same counter row serialize on that row's lock (rows are locked in one
global order, so they cannot deadlock).

Dates: memberships start and end on dates, so the passing of time changes current figures
without any event. `rollups_advance()` (run by the selectors when the date has moved on)
refreshes exactly the learners whose memberships started or ended since `valid_on`.
"""

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from itertools import islice

from django.db import connection, transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrollment, Progress
from people.models import Membership, User

from .models import LearnerCourseState, LearnerUnit, RollupState, UnitCourseStat, UnitLearnerStat

logger = logging.getLogger(__name__)


def batched(iterable, size):
    """itertools.batched (Python 3.12) for Python 3.11."""
    iterator = iter(iterable)
    while batch := tuple(islice(iterator, size)):
        yield batch


CHUNK = 500
BATCH = 5000
FIELDS = ("enrolled", "started", "completed", "certified")


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


def _state_rows(enrolments) -> Iterable[tuple[int, int, tuple[bool, bool, bool]]]:
    rows = enrolments.values_list(
        "user_id", "course_id", "is_started", "completed_at", "is_certified"
    )
    for user_id, course_id, started, completed_at, certified in rows.iterator(chunk_size=BATCH):
        yield user_id, course_id, (bool(started), completed_at is not None, bool(certified))


def _vector(state: tuple[bool, bool, bool]) -> tuple[int, int, int, int]:
    return (1, int(state[0]), int(state[1]), int(state[2]))


def is_built() -> bool:
    return RollupState.objects.exists()


# --- refresh --------------------------------------------------------------------------------


def learners_refresh(*, user_ids: Iterable[int], on: datetime.date | None = None) -> int:
    """Bring the roll-ups up to date for these learners; return how many counters moved.

    Nothing happens before the first rebuild (there is nothing to keep current). Each chunk of
    learners is one transaction, so a large assignment never holds many locks at once.
    """
    ids = sorted({int(pk) for pk in user_ids})
    if not ids or not is_built():
        return 0
    on = on or timezone.localdate()
    moved = 0
    for chunk in batched(ids, CHUNK):
        with transaction.atomic():
            moved += _refresh_chunk(list(chunk), on)
    return moved


def learner_forget(*, user_id: int) -> int:
    """Take a learner who is being deleted off every counter (inside the deleting transaction)."""
    if not is_built():
        return 0
    return _refresh_chunk([user_id], timezone.localdate(), forget=True)


def _refresh_chunk(user_ids: list[int], on: datetime.date, *, forget: bool = False) -> int:
    # The per-learner lock: a learner's refreshes (and their mirror rows) serialize here.
    list(User.objects.select_for_update().filter(pk__in=user_ids).order_by("pk").values("pk"))
    new_units: dict[int, set[int]] = defaultdict(set)
    memberships = Membership.objects.current(on=on).filter(user_id__in=user_ids)
    for user_id, unit_id in memberships.values_list("user", "unit") if not forget else ():
        new_units[user_id].add(unit_id)
    old_units: dict[int, set[int]] = defaultdict(set)
    for user_id, unit_id in LearnerUnit.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "unit_id"
    ):
        old_units[user_id].add(unit_id)
    enrolments = annotated_enrolments().filter(user_id__in=user_ids)
    new_states = {
        (user_id, course_id): state
        for user_id, course_id, state in (_state_rows(enrolments) if not forget else ())
    }
    old_states = {
        (user_id, course_id): (started, completed, certified)
        for user_id, course_id, started, completed, certified in LearnerCourseState.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "course_id", "started", "completed", "certified")
    }

    course_deltas: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for sign, states, units in ((-1, old_states, old_units), (1, new_states, new_units)):
        for (user_id, course_id), state in states.items():
            vector = _vector(state)
            for unit_id in units.get(user_id, ()):
                delta = course_deltas[(unit_id, course_id)]
                for index, value in enumerate(vector):
                    delta[index] += sign * value
    course_deltas = {key: delta for key, delta in course_deltas.items() if any(delta)}
    learner_deltas: dict[int, int] = defaultdict(int)
    for user_id in user_ids:
        for unit_id in new_units.get(user_id, set()) - old_units.get(user_id, set()):
            learner_deltas[unit_id] += 1
        for unit_id in old_units.get(user_id, set()) - new_units.get(user_id, set()):
            learner_deltas[unit_id] -= 1
    learner_deltas = {key: delta for key, delta in learner_deltas.items() if delta}

    _apply_course_deltas(course_deltas)
    _apply_learner_deltas(learner_deltas)
    _write_mirror(user_ids, old_states, new_states, old_units, new_units)
    return len(course_deltas) + len(learner_deltas)


def _apply_course_deltas(deltas: dict[tuple[int, int], list[int]]) -> None:
    if not deltas:
        return
    keys = sorted(deltas)
    UnitCourseStat.objects.bulk_create(
        [UnitCourseStat(unit_id=unit_id, course_id=course_id) for unit_id, course_id in keys],
        ignore_conflicts=True,
    )
    match = Q(pk__in=[])
    for unit_id, course_id in keys:
        match |= Q(unit_id=unit_id, course_id=course_id)
    rows = UnitCourseStat.objects.filter(match)
    # Lock in one global order (the unique key) before updating: no deadlocks between refreshes.
    list(rows.select_for_update().order_by("unit_id", "course_id").values("pk"))

    def change(index: int):
        if len(keys) == 1:
            return Value(deltas[keys[0]][index])
        return Case(
            *[
                When(
                    unit_id=unit_id,
                    course_id=course_id,
                    then=Value(deltas[(unit_id, course_id)][index]),
                )
                for unit_id, course_id in keys
            ],
            default=Value(0),
        )

    rows.update(
        **{name: F(name) + change(index) for index, name in enumerate(FIELDS)},
        updated_at=timezone.now(),
    )


def _apply_learner_deltas(deltas: dict[int, int]) -> None:
    if not deltas:
        return
    keys = sorted(deltas)
    UnitLearnerStat.objects.bulk_create(
        [UnitLearnerStat(unit_id=unit_id) for unit_id in keys], ignore_conflicts=True
    )
    rows = UnitLearnerStat.objects.filter(unit_id__in=keys)
    list(rows.select_for_update().order_by("unit_id").values("pk"))
    if len(keys) == 1:
        change = Value(deltas[keys[0]])
    else:
        change = Case(
            *[When(unit_id=unit_id, then=Value(deltas[unit_id])) for unit_id in keys],
            default=Value(0),
        )
    rows.update(learners=F("learners") + change, updated_at=timezone.now())


def _write_mirror(user_ids, old_states, new_states, old_units, new_units) -> None:
    gone = [key for key in old_states if key not in new_states]
    if gone:
        match = Q(pk__in=[])
        for user_id, course_id in gone:
            match |= Q(user_id=user_id, course_id=course_id)
        LearnerCourseState.objects.filter(match).delete()
    changed = [
        LearnerCourseState(
            user_id=user_id, course_id=course_id, started=s, completed=c, certified=cert
        )
        for (user_id, course_id), (s, c, cert) in new_states.items()
        if old_states.get((user_id, course_id)) != (s, c, cert)
    ]
    if changed:
        LearnerCourseState.objects.bulk_create(
            changed,
            update_conflicts=True,
            unique_fields=["user", "course"],
            update_fields=["started", "completed", "certified"],
        )
    left, joined = [], []
    for user_id in user_ids:
        old, new = old_units.get(user_id, set()), new_units.get(user_id, set())
        left += [Q(user_id=user_id, unit_id=unit_id) for unit_id in old - new]
        joined += [LearnerUnit(user_id=user_id, unit_id=unit_id) for unit_id in new - old]
    if left:
        match = Q(pk__in=[])
        for condition in left:
            match |= condition
        LearnerUnit.objects.filter(match).delete()
    if joined:
        LearnerUnit.objects.bulk_create(joined, ignore_conflicts=True)


# --- dates ----------------------------------------------------------------------------------


def rollups_valid_on() -> datetime.date | None:
    """The date the roll-ups are correct for; None before the first rebuild."""
    return RollupState.objects.values_list("valid_on", flat=True).first()


def rollups_advance(*, today: datetime.date | None = None) -> int:
    """Move the roll-ups to `today`: refresh the learners whose memberships began or ended
    since the roll-ups' date. Return how many learners were refreshed."""
    today = today or timezone.localdate()
    valid_on = rollups_valid_on()
    if valid_on is None or valid_on >= today:
        return 0
    crossed = Q(valid_from__gt=valid_on, valid_from__lte=today) | Q(
        valid_to__gt=valid_on, valid_to__lte=today
    )
    user_ids = set(Membership.objects.filter(crossed).values_list("user_id", flat=True))
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
        models = (UnitCourseStat, UnitLearnerStat, LearnerCourseState, LearnerUnit, RollupState)
        if connection.vendor == "postgresql":
            tables = ", ".join(model._meta.db_table for model in models)
            with connection.cursor() as cursor:
                cursor.execute(f"LOCK TABLE {tables} IN EXCLUSIVE MODE")
        for model in models:
            model.objects.all().delete()

        units_by_user: dict[int, set[int]] = defaultdict(set)
        for user_id, unit_id in Membership.objects.current(on=on).values_list("user", "unit"):
            units_by_user[user_id].add(unit_id)
        learners: dict[int, int] = defaultdict(int)
        memberships = []
        for user_id, unit_ids in units_by_user.items():
            for unit_id in unit_ids:
                learners[unit_id] += 1
                memberships.append(LearnerUnit(user_id=user_id, unit_id=unit_id))
        for batch in batched(memberships, BATCH):
            LearnerUnit.objects.bulk_create(batch)

        stats: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        batch, states = [], 0
        for user_id, course_id, state in _state_rows(annotated_enrolments()):
            vector = _vector(state)
            for unit_id in units_by_user.get(user_id, ()):
                row = stats[(unit_id, course_id)]
                for index, value in enumerate(vector):
                    row[index] += value
            batch.append(
                LearnerCourseState(
                    user_id=user_id,
                    course_id=course_id,
                    started=state[0],
                    completed=state[1],
                    certified=state[2],
                )
            )
            if len(batch) >= BATCH:
                LearnerCourseState.objects.bulk_create(batch)
                states += len(batch)
                batch = []
        LearnerCourseState.objects.bulk_create(batch)
        states += len(batch)

        for rows in batched(
            (
                UnitCourseStat(
                    unit_id=unit_id, course_id=course_id, **dict(zip(FIELDS, row, strict=True))
                )
                for (unit_id, course_id), row in stats.items()
            ),
            BATCH,
        ):
            UnitCourseStat.objects.bulk_create(rows)
        UnitLearnerStat.objects.bulk_create(
            [UnitLearnerStat(unit_id=unit_id, learners=n) for unit_id, n in learners.items()],
            batch_size=BATCH,
        )
        RollupState.objects.create(valid_on=on)
    figures = {
        "unit_course_stats": len(stats),
        "unit_learner_stats": len(learners),
        "learner_course_states": states,
        "learner_units": len(memberships),
    }
    logger.info("report roll-ups rebuilt: %s", figures)
    return figures
