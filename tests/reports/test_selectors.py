import datetime

import pytest
from django.http import Http404
from django.utils import timezone

from people.models import Membership
from reports.rollups import rollups_rebuild
from reports.selectors import completion_by_unit, learners_in_unit
from reports.to_call import learners_to_call, to_call_by_unit
from tests.reports.conftest import enrol, member_create

pytestmark = pytest.mark.django_db


def rows_by_label(report):
    return {row.label: row for row in report.rows}


def test_completion_counts_each_child_unit_and_the_total(tree, manager, course):
    a = member_create(tree["team_1"])
    b = member_create(tree["team_1"])
    c = member_create(tree["team_2"])
    member_create(tree["team_2"])
    enrol(a, course, completed=True, certified=True)
    enrol(b, course, started=True)
    enrol(c, course)
    report = completion_by_unit(user=manager, unit=tree["commune"], course=course)
    rows = rows_by_label(report)
    team_1, team_2 = rows["Tổ A1"], rows["Tổ A2"]
    assert (team_1.learners, team_1.enrolled, team_1.started, team_1.completed) == (2, 2, 2, 1)
    assert (team_1.certified, team_1.completion_rate) == (1, 50.0)
    assert (team_2.learners, team_2.enrolled, team_2.started, team_2.completed) == (2, 1, 0, 0)
    assert (report.total.learners, report.total.enrolled, report.total.completed) == (4, 3, 1)
    assert [u.name for u in report.breadcrumb] == ["Xã A"]


def test_learners_of_another_commune_are_not_counted(tree, manager, course):
    enrol(member_create(tree["team_b"]), course, completed=True)
    report = completion_by_unit(user=manager, unit=tree["commune"], course=course)
    assert report.total.enrolled == 0


def test_a_revoked_certificate_is_not_counted(tree, manager, course):
    learner = member_create(tree["team_1"])
    enrol(learner, course, completed=True, certified=True)
    learner.certificates.update(revoked_at=timezone.now())
    report = completion_by_unit(user=manager, unit=tree["commune"], course=course)
    assert (report.total.completed, report.total.certified) == (1, 0)


def test_a_learner_who_moved_after_the_date_counts_in_the_old_unit(tree, manager, course):
    moved_on = datetime.date(2026, 6, 1)
    learner = member_create(tree["team_1"], until=moved_on)
    Membership.objects.create(user=learner, unit=tree["team_2"], valid_from=moved_on)
    enrollment = enrol(learner, course, completed=True)
    enrollment.enrolled_at = timezone.make_aware(datetime.datetime(2026, 2, 1))
    enrollment.completed_at = timezone.make_aware(datetime.datetime(2026, 3, 1))
    enrollment.save()

    before = rows_by_label(
        completion_by_unit(
            user=manager, unit=tree["commune"], course=course, as_of=datetime.date(2026, 5, 1)
        )
    )
    after = rows_by_label(
        completion_by_unit(
            user=manager, unit=tree["commune"], course=course, as_of=datetime.date(2026, 7, 1)
        )
    )
    assert (before["Tổ A1"].completed, before["Tổ A2"].completed) == (1, 0)
    assert (after["Tổ A1"].completed, after["Tổ A2"].completed) == (
        0,
        1,
    )


def test_work_after_the_date_is_not_counted(tree, manager, course):
    learner = member_create(tree["team_1"])
    enrol(learner, course, completed=True)
    report = completion_by_unit(
        user=manager, unit=tree["commune"], course=course, as_of=datetime.date(2026, 1, 2)
    )
    assert (report.total.learners, report.total.enrolled) == (1, 0)


def test_a_unit_outside_the_scope_is_not_found(tree, manager, course):
    with pytest.raises(Http404):
        completion_by_unit(user=manager, unit=tree["other"])
    with pytest.raises(Http404):
        learners_in_unit(user=manager, unit=tree["team_b"])
    with pytest.raises(Http404):
        learners_to_call(user=manager, unit=tree["province"])


def test_a_team_lists_its_learners_with_their_figures(tree, manager, course):
    a = member_create(tree["team_1"], full_name="An")
    member_create(tree["team_1"], full_name="Bình")
    enrol(a, course, started=True)
    learners = learners_in_unit(user=manager, unit=tree["team_1"], course=course)
    assert [(row["name"], row["enrolled"], row["started"]) for row in learners] == [
        ("An", 1, 1),
        ("Bình", 0, 0),
    ]


@pytest.mark.parametrize("rollups", [False, True], ids=["recounted", "from-rollups"])
def test_a_teams_learners_are_read_a_page_at_a_time(
    tree, manager, course, rollups, django_assert_num_queries
):
    """The pager counts the learners, then reads only its page's learners and their
    figures: a team of hundreds costs the fifty rows shown."""
    names = ["An", "Bình", "Chi", "Dũng", "Giang"]
    for number, name in enumerate(names):
        learner = member_create(tree["team_1"], full_name=name)
        if number % 2:
            enrol(learner, course, started=True)
    if rollups:
        rollups_rebuild()
    learners = learners_in_unit(user=manager, unit=tree["team_1"], course=course)
    with django_assert_num_queries(1):
        assert learners.count() == len(learners) == 5
    # The page's learners, then their figures (from the roll-ups, else counted after asking).
    with django_assert_num_queries(2 if rollups else 3):
        page = learners[1:3]
    assert [(row["name"], row["enrolled"], row["started"]) for row in page] == [
        ("Bình", 1, 1),
        ("Chi", 0, 0),
    ]
    assert learners[3]["name"] == "Dũng"
    assert [row["name"] for row in learners] == names


@pytest.mark.parametrize("rollups", [False, True], ids=["recounted", "from-rollups"])
def test_who_to_call_lists_assigned_learners_not_started_or_overdue(tree, manager, course, rollups):
    today = timezone.localdate()
    not_started = member_create(tree["team_1"], full_name="Chưa học")
    overdue = member_create(tree["team_2"], full_name="Quá hạn")
    on_track = member_create(tree["team_2"], full_name="Đang học")
    self_enrolled = member_create(tree["team_2"], full_name="Tự học")
    enrol(not_started, course, source="assigned")
    enrol(overdue, course, source="bulk", started=True, due_on=today - datetime.timedelta(days=1))
    enrol(on_track, course, source="bulk", started=True, due_on=today + datetime.timedelta(days=9))
    enrol(self_enrolled, course, source="self")
    if rollups:  # "started" then comes from the roll-ups' per-enrolment record
        rollups_rebuild()
    enrolments = learners_to_call(user=manager)
    assert [(e.user.full_name, e.team_name) for e in enrolments] == [
        ("Chưa học", "Tổ A1"),
        ("Quá hạn", "Tổ A2"),
    ]


@pytest.mark.parametrize("per_team", [1, 12])
def test_completion_by_unit_makes_a_bounded_number_of_queries(
    tree, manager, course, per_team, django_assert_max_num_queries
):
    for team in ("team_1", "team_2"):
        for number in range(per_team):
            enrol(member_create(tree[team]), course, started=number % 2, certified=number % 3 == 0)
    with django_assert_max_num_queries(12):
        completion_by_unit(user=manager, unit=tree["commune"])
    with django_assert_max_num_queries(12):
        list(learners_in_unit(user=manager, unit=tree["team_1"], course=course))
    with django_assert_max_num_queries(12):
        list(learners_to_call(user=manager))


def _to_call_tree(tree, course):
    """Learners to call in both teams and in the commune itself, one not started and overdue,
    one started and overdue, and learners not to call (started in time, self-enrolled)."""
    today = timezone.localdate()
    late = today - datetime.timedelta(days=3)
    for _ in range(3):
        enrol(member_create(tree["team_1"]), course, source="bulk")
    enrol(member_create(tree["team_1"]), course, source="assigned", due_on=late)
    enrol(member_create(tree["team_2"]), course, source="bulk", started=True, due_on=late)
    enrol(member_create(tree["team_2"]), course, source="bulk", started=True)
    enrol(member_create(tree["team_2"]), course, source="self")
    enrol(member_create(tree["commune"]), course, source="assigned")
    enrol(member_create(tree["team_b"]), course, source="assigned")


@pytest.mark.parametrize("rollups", [False, True], ids=["recounted", "from-rollups"])
def test_who_to_call_per_unit_equals_the_list_of_each_child(tree, manager, course, rollups):
    """An enrolment both not started and overdue counts once, as overdue (the list's state)."""
    _to_call_tree(tree, course)
    if rollups:
        rollups_rebuild()
    today = timezone.localdate()
    summary = to_call_by_unit(user=manager, unit=tree["commune"], course=course)
    rows = {row.label: (row.not_started, row.overdue) for row in summary.rows}
    assert rows == {"Tổ A1": (3, 1), "Tổ A2": (0, 1), "": (1, 0)}
    for row in summary.rows:
        if row.unit is None:
            continue
        listed = list(learners_to_call(user=manager, unit=row.unit, course=course))
        overdue = sum(1 for e in listed if e.due_on and e.due_on < today)
        assert (row.total, row.overdue) == (len(listed), overdue)
    everyone = learners_to_call(user=manager, unit=tree["commune"])
    assert summary.total.total == everyone.count() == 6
    assert [u.name for u in summary.breadcrumb] == ["Xã A"]


def test_who_to_call_per_unit_stays_in_the_viewers_scope(tree, manager, course):
    _to_call_tree(tree, course)
    with pytest.raises(Http404):
        to_call_by_unit(user=manager, unit=tree["province"])
    with pytest.raises(Http404):
        to_call_by_unit(user=manager, unit=tree["other"])


@pytest.mark.parametrize(
    "rollups, queries",
    [(False, 2), (True, 1)],
    ids=["recounted", "from-rollups"],
)
def test_who_to_call_per_unit_makes_one_or_two_queries_whatever_the_size(
    tree, manager, course, rollups, queries, django_assert_num_queries
):
    """From the roll-ups: the units' counters with the roll-ups' date, in one query; else the
    roll-ups' date, then the grouped count of the enrolments."""
    from people.selectors import units_for

    for number in range(12):
        enrol(member_create(tree[("team_1", "team_2")[number % 2]]), course, source="bulk")
    if rollups:
        rollups_rebuild()
    scope = units_for(manager).order_by("path")
    list(scope)
    with django_assert_num_queries(queries):
        summary = to_call_by_unit(user=manager, unit=tree["commune"], scope=scope)
    assert [row.total for row in summary.rows] == [6, 6]
