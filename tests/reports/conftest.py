"""Fixtures of the reports tests: a small unit tree, a manager, a course and learners."""

import datetime
import itertools

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Enrollment, Progress
from people.models import Membership, UnitRole
from tests.factories import UserFactory, course_create, course_index_create, unit_create

SINCE = datetime.date(2026, 1, 1)
_codes = itertools.count(1)


@pytest.fixture
def tree(db):
    province = unit_create(name="Tỉnh thử", code="P", kind="province")
    commune = unit_create(name="Xã A", code="A", parent=province)
    other = unit_create(name="Xã B", code="B", parent=province)
    team_1 = unit_create(name="Tổ A1", code="A1", kind="team", parent=commune)
    team_2 = unit_create(name="Tổ A2", code="A2", kind="team", parent=commune)
    team_b = unit_create(name="Tổ B1", code="B1", kind="team", parent=other)
    return {
        "province": province,
        "commune": commune,
        "other": other,
        "team_1": team_1,
        "team_2": team_2,
        "team_b": team_b,
    }


@pytest.fixture
def manager(tree):
    from django.contrib.auth.models import Permission

    user = UserFactory(full_name="Quản lý xã A")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    UnitRole.objects.create(user=user, unit=tree["commune"], role="manager")
    return user


@pytest.fixture
def course(home_page):
    index = course_index_create(home=home_page, slug="khoa-hoc-bao-cao")
    return course_create(index=index, title="Chữ ký số", slug="chu-ky-so-bc", lessons=2)


def member_create(unit, *, since=SINCE, until=None, **fields):
    user = UserFactory(**fields)
    Membership.objects.create(user=user, unit=unit, valid_from=since, valid_to=until)
    return user


def enrol(user, course, *, started=False, completed=False, certified=False, **fields):
    """An enrolment with as much progress as asked for, written directly for speed."""
    enrollment = Enrollment.objects.create(
        user=user,
        course=course,
        completed_at=timezone.now() if completed else None,
        **fields,
    )
    if started or completed:
        lesson = course.get_children().first()
        Progress.objects.create(user=user, page=lesson, status="completed")
    if certified:
        Certificate.objects.create(
            user=user,
            course=course,
            code=f"BC-{next(_codes)}",
            holder_name=str(user),
            course_title=course.title,
        )
    return enrollment
