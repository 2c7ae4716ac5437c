"""Writes of the courses app: enrolment, progress, completion and assignment.

Every rule is checked here; the database's unique constraints make a second click, a second tab
or a retry land on the same row.
"""

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from people.models import Membership, OrgUnit, User

from .models import (
    DONE_STATUSES,
    CompletionRule,
    CoursePage,
    Enrollment,
    EnrollmentSource,
    EnrolmentMode,
    Progress,
    ProgressStatus,
)
from .selectors import course_item_models, learner_state, manager_units_for
from .signals import course_completed, learning_changed


def _prerequisite_message(state) -> str:
    return _("Hãy học xong khóa “%(title)s” trước khi học khóa này.") % {
        "title": state.missing_prerequisites[0].title
    }


def enrollment_create(
    *,
    user: User,
    course: CoursePage,
    source: str = EnrollmentSource.SELF,
    assigned_by: User | None = None,
    due_on: datetime.date | None = None,
) -> Enrollment:
    """Enrol a learner. Self-enrolment needs an open course and finished prerequisites; a second
    call returns the existing enrolment."""
    if not course.live:
        raise ValidationError(_("Khóa học này chưa mở hoặc đã tạm đóng."))
    if source == EnrollmentSource.SELF:
        if course.enrolment_mode != EnrolmentMode.OPEN:
            raise ValidationError(
                _(
                    "Khóa học này dành cho người được giao. Nếu bạn cần học, "
                    "hãy nhờ người quản lý đơn vị giao khóa học cho bạn."
                )
            )
        state = learner_state(course, user, fresh=True)
        if state.locked:
            raise ValidationError(_prerequisite_message(state))
    existing = Enrollment.objects.filter(user=user, course=course).first()
    if existing is not None:
        return existing
    enrollment = Enrollment(
        user=user, course=course, source=source, assigned_by=assigned_by, due_on=due_on
    )
    enrollment.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:
        # Another request enrolled the same person a moment ago: one row, theirs.
        return Enrollment.objects.get(user=user, course=course)
    return enrollment


def _course_of_item(*, user: User, item: Page) -> CoursePage:
    """The item's course with what a learner's write needs, in one query: their enrolment (id,
    completion), whether a prerequisite is unfinished (as `CoursePage.objects.with_learner`
    says it) and the item's current status."""
    mine = Enrollment.objects.filter(user=user, course=OuterRef("pk"))
    finished = mine.filter(completed_at__isnull=False)  # of a prerequisite, one level down
    unfinished_prerequisites = CoursePage.objects.filter(
        required_for=OuterRef("pk"), live=True
    ).exclude(Exists(finished))
    current = Progress.objects.filter(user=user, page=item.pk).values("status")[:1]
    # The path is unique: at most one row, so no ordering to resolve.
    rows = CoursePage.objects.filter(path=item.path[: -item.steplen]).annotate(
        learner_enrollment_id=Subquery(mine.values("pk")[:1]),
        learner_completed_at=Subquery(mine.values("completed_at")[:1]),
        learner_locked=Exists(unfinished_prerequisites),
        item_status=Subquery(current),
    )[:1]
    course = next(iter(rows), None)
    if course is None:
        raise ValidationError(_("Bài này không thuộc khóa học nào."))
    return course


def _check_can_learn(*, user: User, course: CoursePage, item: Page):
    if not (item.live and course.live):
        raise ValidationError(_("Bài học này đang tạm đóng. Tiến độ của bạn vẫn được giữ nguyên."))
    if not course.learner_enrollment_id:
        raise ValidationError(_("Bạn chưa đăng ký khóa học này. Hãy đăng ký học trước."))
    if course.learner_locked:
        raise ValidationError(_prerequisite_message(learner_state(course, user)))


def lesson_complete(*, user: User, lesson: Page) -> bool:
    """Mark a lesson done for an enrolled learner; return True when this completed the course.

    Refused, with nothing written, when the learner is not enrolled, the lesson or course is
    unpublished, or a prerequisite is unfinished. A constant number of queries.
    """
    course = _course_of_item(user=user, item=lesson)
    _check_can_learn(user=user, course=course, item=lesson)
    with transaction.atomic(savepoint=False):
        _progress_write(
            user=user, page=lesson, status=ProgressStatus.COMPLETED, current=course.item_status
        )
        _first_progress_announce(user=user, course=course)
        return _completion_after(
            user=user, course=course, item=lesson, status=ProgressStatus.COMPLETED
        )


def item_result_record(*, user: User, item: Page, passed: bool, score: float | None = None) -> bool:
    """Record a quiz-like item's result (the quizzes app calls this); a pass is never undone by
    a later fail. Return True when this completed the course."""
    course = _course_of_item(user=user, item=item)
    _check_can_learn(user=user, course=course, item=item)
    with transaction.atomic(savepoint=False):
        status = ProgressStatus.PASSED if passed else ProgressStatus.FAILED
        _progress_write(
            user=user, page=item, status=status, score=score, current=course.item_status
        )
        _first_progress_announce(user=user, course=course)
        return _completion_after(user=user, course=course, item=item, status=status)


def _completion_after(*, user: User, course: CoursePage, item: Page, status: str) -> bool:
    """Check the course's completion only when this write can have completed it (no query
    otherwise): not when the learner had completed it already (`completed_at` is never
    unset), nor when the item is still not done and counts toward completion."""
    if course.learner_completed_at is not None:
        return False
    if course.item_status in DONE_STATUSES:  # a pass is never undone: the write was skipped
        status = course.item_status
    counts = course.completion_rule == CompletionRule.ALL_ITEMS or getattr(item, "required", False)
    if status not in DONE_STATUSES and counts:
        return False
    return course_completion_check(user=user, course=course)


def _first_progress_announce(*, user: User, course: CoursePage) -> None:
    """A new progress row may have started the course: say so (no query)."""
    if course.item_status is None:
        learning_changed.send(sender=CoursePage, user_ids=[user.pk], course=course)


def _progress_write(*, user: User, page: Page, status: str, current: str | None, score=None):
    """One write: an INSERT that a concurrent twin cannot double, or an UPDATE that never
    undoes a done item."""
    if current in DONE_STATUSES:
        return
    now = timezone.now()
    done = status in DONE_STATUSES
    if current is None:
        row = Progress(
            user=user, page=page, status=status, completed_at=now if done else None, score=score
        )
        Progress.objects.bulk_create([row], ignore_conflicts=True)
        return
    changes = {"status": status, "updated_at": now, "completed_at": now if done else None}
    if score is not None:
        changes["score"] = score
    Progress.objects.filter(user=user, page=page).exclude(status__in=DONE_STATUSES).update(
        **changes
    )


def course_completion_check(*, user: User, course: CoursePage) -> bool:
    """Set `completed_at` once when every counted item is done and send `course_completed`
    once, after commit. Return True only for the call that completed the course."""
    counted = Q(content_type__in=_item_content_type_ids())
    if course.completion_rule != CompletionRule.ALL_ITEMS:
        required = Q(pk__in=[])
        for model in course_item_models():
            required |= Q(**{f"{model._meta.model_name}__required": True})
        counted &= required
    done = Progress.objects.filter(user=user, page=OuterRef("pk"), status__in=DONE_STATUSES)
    totals = (
        Page.objects.child_of(course)
        .live()
        .filter(counted)
        .annotate(done=Exists(done))
        .aggregate(total=Count("pk"), remaining=Count("pk", filter=Q(done=False)))
    )
    if not totals["total"] or totals["remaining"]:
        return False
    now = timezone.now()
    updated = Enrollment.objects.filter(user=user, course=course, completed_at__isnull=True).update(
        completed_at=now
    )
    if not updated:
        return False
    enrollment_id = getattr(course, "learner_enrollment_id", None)
    transaction.on_commit(
        partial(_send_completed, user=user, course=course, enrollment_id=enrollment_id)
    )
    return True


def _send_completed(*, user: User, course: CoursePage, enrollment_id: int | None) -> None:
    enrollment = Enrollment.objects.get(user=user, course=course)
    course_completed.send(sender=CoursePage, enrollment=enrollment, user=user, course=course)


def _item_content_type_ids() -> list[int]:
    from django.contrib.contenttypes.models import ContentType

    return [ContentType.objects.get_for_model(model).pk for model in course_item_models()]


def course_assign(
    *,
    manager: User,
    course: CoursePage,
    due_on: datetime.date,
    unit: OrgUnit | None = None,
    learners: list[User] | None = None,
) -> int:
    """Assign a course, with a due date, to every current member of a unit and the units below
    it, or to chosen learners — only inside the manager's scope. One transaction; returns how
    many new enrolments were created (learners already enrolled get the due date if they had
    none)."""
    if not course.live:
        raise ValidationError(_("Khóa học này chưa mở hoặc đã tạm đóng."))
    if due_on < timezone.localdate():
        raise ValidationError(_("Hạn hoàn thành phải từ hôm nay trở đi."))
    scope = manager_units_for(manager)
    if unit is not None:
        if not scope.filter(pk=unit.pk).exists():
            raise ValidationError(_("Bạn chỉ giao khóa học được cho đơn vị mình quản lý."))
        members = Membership.objects.current().filter(unit__path__startswith=unit.path)
        user_ids = set(members.values_list("user_id", flat=True))
        source = EnrollmentSource.BULK
    elif learners:
        allowed = (
            Membership.objects.current()
            .filter(unit__in=scope, user__in=learners)
            .values_list("user_id", flat=True)
        )
        user_ids = set(allowed)
        if len(user_ids) != len({learner.pk for learner in learners}):
            raise ValidationError(
                _("Có người học không thuộc đơn vị bạn quản lý; chưa giao cho ai.")
            )
        source = EnrollmentSource.ASSIGNED
    else:
        raise ValidationError(_("Hãy chọn một đơn vị hoặc ít nhất một người học."))
    with transaction.atomic():
        existing = set(
            Enrollment.objects.filter(course=course, user_id__in=user_ids).values_list(
                "user_id", flat=True
            )
        )
        Enrollment.objects.filter(
            course=course, user_id__in=existing, due_on__isnull=True, completed_at__isnull=True
        ).update(due_on=due_on)
        new = [
            Enrollment(
                user_id=user_id,
                course=course,
                source=source,
                assigned_by=manager,
                due_on=due_on,
            )
            for user_id in sorted(user_ids - existing)
        ]
        created = Enrollment.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        if new:
            learning_changed.send(
                sender=CoursePage, user_ids=[row.user_id for row in new], course=course
            )
    return len(created)
