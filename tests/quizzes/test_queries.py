"""Query budgets at 20 and at 100 questions: a question screen ≤ 10, saving an answer ≤ 6
(at most 2 writes), finishing a constant number whatever the number of questions; and the
finish the bench measures (ten answered questions, report roll-ups built), with the work run
after its commit counted too."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import Attempt, AttemptState, Choice, QuizPage
from quizzes.services import answer_save, attempt_start
from reports.models import UnitCourseStat, UnitQuizStat
from tests.factories import question_create, quiz_create

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture(params=[20, 100])
def big_attempt(request, course, category, enrolled):
    from tests.quizzes.conftest import image_create

    image = image_create()
    questions = [question_create(category=category) for _ in range(request.param - 2)]
    questions.append(question_create(type="multiple", category=category))
    questions.append(
        question_create(type="hotspot", category=category, image=image, image_alt="Màn hình")
    )
    quiz = quiz_create(course=course, questions=questions, layout="all")
    return attempt_start(user=enrolled, quiz=quiz)


def count_queries(func):
    with CaptureQueriesContext(connection) as context:
        response = func()
    return response, context.captured_queries


@pytest.mark.parametrize("layout", ["all", "one"])
def test_question_screen_costs_at_most_10_queries(client, big_attempt, layout):
    QuizPage.objects.filter(pk=big_attempt.quiz_id).update(layout=layout)
    client.force_login(big_attempt.user)
    url = reverse("quizzes:attempt", args=[big_attempt.pk])
    client.get(url)  # renditions are created on the first view
    response, queries = count_queries(lambda: client.get(url))
    assert response.status_code == 200
    print(f"question screen, {len(big_attempt.layout)} questions, layout {layout}: {len(queries)}")
    assert len(queries) <= 10, "\n".join(q["sql"][:120] for q in queries)


def test_saving_an_answer_costs_at_most_6_queries_and_2_writes(client, big_attempt):
    client.force_login(big_attempt.user)
    entry = big_attempt.layout[-1]
    url = reverse("quizzes:save", args=[big_attempt.pk])
    data = {
        "question": entry["id"],
        "sequence": 0,
        f"q{entry['id']}_x": "50",
        f"q{entry['id']}_y": "5",
    }
    response, queries = count_queries(lambda: client.post(url, data))
    assert response.status_code == 200, response.content
    writes = [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    print(f"save, {len(big_attempt.layout)} questions: {len(queries)} ({len(writes)} writes)")
    assert len(queries) <= 6, "\n".join(q["sql"][:120] for q in queries)
    assert len(writes) <= 2


FINISH_COUNTS: dict[int, int] = {}


def test_finishing_costs_the_same_number_of_queries_at_20_and_100_questions(client, big_attempt):
    """Nothing answered (a graded empty row per question), a hotspot question (its regions)."""
    client.force_login(big_attempt.user)
    url = reverse("quizzes:finish", args=[big_attempt.pk])
    response, queries = count_queries(lambda: client.post(url))
    assert response.status_code == 302
    size = len(big_attempt.layout)
    FINISH_COUNTS[size] = len(queries)
    print(f"finish, {size} questions: {len(queries)}")
    assert len(queries) <= 10, "\n".join(q["sql"][:120] for q in queries)
    if len(FINISH_COUNTS) == 2:
        assert FINISH_COUNTS[20] == FINISH_COUNTS[100], FINISH_COUNTS


@pytest.fixture
def bench_learner(course, category, enrolled):
    """The bench's finish: a member of a team, the report roll-ups built, a quiz of ten
    single-choice questions; `answered()` starts an attempt and saves a wrong answer to each
    (a fail: whether the course is complete is not asked)."""
    from people.models import Membership
    from reports.rollups import rollups_rebuild
    from tests.factories import unit_create

    team = unit_create(name="Tổ đo", code="DO", kind="team")
    Membership.objects.create(user=enrolled, unit=team, valid_from=datetime.date(2025, 7, 1))
    quiz = quiz_create(
        course=course, questions=[question_create(category=category) for _ in range(10)]
    )
    rollups_rebuild()
    wrong = dict(
        Choice.objects.filter(
            question__in=quiz.fixed_questions.values("question"), is_correct=False
        )
        .order_by("pk")
        .values_list("question_id", "pk")
    )

    def answered():
        attempt = attempt_start(user=enrolled, quiz=quiz)
        for sequence, entry in enumerate(attempt.layout):
            answer_save(
                attempt=attempt, question_id=entry["id"], raw=wrong[entry["id"]], sequence=sequence
            )
        return attempt

    return answered


def finish_counting_after_commit(client, attempt, capture_on_commit):
    """POST finish; the queries include what runs after its commit (the roll-up refresh)."""
    client.force_login(attempt.user)
    url = reverse("quizzes:finish", args=[attempt.pk])
    with CaptureQueriesContext(connection) as context, capture_on_commit(execute=True):
        response = client.post(url, {"cau": "10"})
    assert response.status_code == 302
    assert Attempt.objects.get(pk=attempt.pk).state == AttemptState.FINISHED
    return context.captured_queries


def test_a_learners_first_finish_in_a_course_costs_at_most_21_queries_with_the_rollups(
    client, bench_learner, django_capture_on_commit_callbacks
):
    """The first progress in the course: grading, progress and one roll-up refresh after
    commit (which starts the learner in their team's course counters and counts the attempt
    in its quiz counters: results, score band, item sums), though two events asked for it."""
    queries = finish_counting_after_commit(
        client, bench_learner(), django_capture_on_commit_callbacks
    )
    print(f"first finish in the course, roll-ups included: {len(queries)}")
    assert UnitCourseStat.objects.get().started == 1  # the refresh ran and was counted
    assert UnitQuizStat.objects.get().attempts == 1
    assert len(queries) <= 21, "\n".join(q["sql"][:120] for q in queries)


def test_a_later_finish_costs_at_most_17_queries(
    client, bench_learner, django_capture_on_commit_callbacks
):
    """A later attempt of the same learner: 9 queries, and the refresh after commit that
    counts the attempt in the quiz results' counters (8 in a test, where its transaction is a
    savepoint: the learner locked and read, the unit's three quiz counters and the learner's
    figures)."""
    finish_counting_after_commit(client, bench_learner(), django_capture_on_commit_callbacks)
    queries = finish_counting_after_commit(
        client, bench_learner(), django_capture_on_commit_callbacks
    )
    print(f"later finish: {len(queries)}")
    writes = [q for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]
    # The attempt closed and graded, its responses, the progress row; the quiz counters (results,
    # score band, item sums) and the learner's quiz figures.
    assert len(writes) == 7
    assert UnitQuizStat.objects.get().attempts == 2
    assert len(queries) <= 17, "\n".join(q["sql"][:120] for q in queries)


def test_with_a_task_queue_a_finish_queues_the_refresh_and_a_worker_runs_it(
    client, bench_learner, django_capture_on_commit_callbacks, settings, monkeypatch
):
    """Production's TASKS_BACKEND=database: the finish request only queues the roll-ups'
    refresh (and the competence evidence) and answers; `manage.py db_worker` then counts the
    attempt in the reports. Nothing is lost while no worker runs: the task waits."""
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    attempt = bench_learner()
    queries = finish_counting_after_commit(client, attempt, django_capture_on_commit_callbacks)
    print(f"first finish in the course, the refresh queued: {len(queries)}")
    # 21 when the refresh runs in the request (the test above); here one INSERT queues it.
    assert len(queries) <= 10, "\n".join(q["sql"][:120] for q in queries)
    queued = DBTaskResult.objects.filter(task_path="reports.tasks.rollups_refresh")
    assert queued.get().status == "READY"
    assert queued.get().args_kwargs["args"] == [[attempt.user_id]]
    assert not UnitQuizStat.objects.exists()  # not counted yet: the request did not wait

    # The worker runs in this test's transaction here: it must not close the connection it
    # checks between tasks (a real worker is a process of its own).
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    assert queued.get().status == "SUCCESSFUL"
    assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
    assert UnitQuizStat.objects.get().attempts == 1
    assert UnitCourseStat.objects.get().started == 1
