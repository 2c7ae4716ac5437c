"""Query budgets at 20 and at 100 questions: a question screen ≤ 10, saving an answer ≤ 6
(at most 2 writes), finishing a constant number whatever the number of questions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes.models import QuizPage
from quizzes.services import attempt_start
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
    client.force_login(big_attempt.user)
    url = reverse("quizzes:finish", args=[big_attempt.pk])
    response, queries = count_queries(lambda: client.post(url))
    assert response.status_code == 302
    size = len(big_attempt.layout)
    FINISH_COUNTS[size] = len(queries)
    print(f"finish, {size} questions: {len(queries)}")
    assert len(queries) <= 30, "\n".join(q["sql"][:120] for q in queries)
    if len(FINISH_COUNTS) == 2:
        assert FINISH_COUNTS[20] == FINISH_COUNTS[100], FINISH_COUNTS
