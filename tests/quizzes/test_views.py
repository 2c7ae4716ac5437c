"""The learner's pages: who may see what, bad input, and the correct answers never leaking."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt, QuizPage, Response
from quizzes.services import attempt_start
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(quiz, enrolled):
    return attempt_start(user=enrolled, quiz=quiz)


@pytest.fixture
def learner_client(client, enrolled):
    client.force_login(enrolled)
    return client


def save(client, attempt, question_id, sequence, **fields):
    return client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {"question": question_id, "sequence": sequence, **fields},
    )


def test_start_is_a_post_and_get_is_refused(learner_client, quiz):
    url = reverse("quizzes:start", args=[quiz.pk])
    assert learner_client.get(url).status_code == 405
    response = learner_client.post(url)
    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk])


def test_quiz_page_inside_the_course_offers_a_start_button(learner_client, quiz):
    response = learner_client.get(quiz.url)
    assert response.status_code == 200
    assert reverse("quizzes:start", args=[quiz.pk]) in response.content.decode()


def test_another_learners_attempt_is_404(client, attempt):
    client.force_login(UserFactory())
    for name in ("attempt", "result"):
        assert client.get(reverse(f"quizzes:{name}", args=[attempt.pk])).status_code == 404
    for name in ("save", "screen_save", "finish"):
        assert client.post(reverse(f"quizzes:{name}", args=[attempt.pk])).status_code == 404
    assert Attempt.objects.get(pk=attempt.pk).state == "in_progress"


def test_malformed_answer_is_400_with_a_reason_and_changes_nothing(learner_client, attempt):
    entry = attempt.layout[0]
    assert (
        save(
            learner_client, attempt, entry["id"], 0, **{f"q{entry['id']}": entry["choices"][0]}
        ).status_code
        == 200
    )
    for fields in (
        {f"q{entry['id']}": "999999"},
        {f"q{entry['id']}": "không phải số"},
    ):
        response = save(learner_client, attempt, entry["id"], 1, **fields)
        assert response.status_code == 400
        assert response.json()["error"]
    bad_question = save(learner_client, attempt, 999999, 1)
    assert bad_question.status_code == 400
    no_sequence = learner_client.post(
        reverse("quizzes:save", args=[attempt.pk]), {"question": entry["id"]}
    )
    assert no_sequence.status_code == 400
    assert Attempt.objects.get(pk=attempt.pk).sequence == 1
    assert Response.objects.get(attempt=attempt).answer == entry["choices"][0]


def test_saving_answers_small_json_with_the_new_sequence(learner_client, attempt):
    entry = attempt.layout[0]
    response = save(
        learner_client, attempt, entry["id"], 0, **{f"q{entry['id']}": entry["choices"][0]}
    )
    assert response.status_code == 200
    assert response.json() == {"ok": True, "sequence": 1, "message": "Đã lưu"}
    assert len(response.content) <= 5 * 1024


def test_stale_tab_gets_409_with_a_message(learner_client, attempt):
    entry = attempt.layout[0]
    first, second = entry["choices"][:2]
    save(learner_client, attempt, entry["id"], 0, **{f"q{entry['id']}": first})
    response = save(learner_client, attempt, entry["id"], 0, **{f"q{entry['id']}": second})
    assert response.status_code == 409
    assert response.json()["code"] == "stale"
    assert Response.objects.get(attempt=attempt).answer == first


def test_client_sent_score_and_correctness_are_ignored(learner_client, attempt):
    entry = attempt.layout[0]
    from quizzes.models import Choice

    wrong = Choice.objects.filter(question_id=entry["id"], is_correct=False).first().pk
    save(
        learner_client,
        attempt,
        entry["id"],
        0,
        **{f"q{entry['id']}": wrong, "score": "100", "correct": "true", "points": "99"},
    )
    response = learner_client.post(
        reverse("quizzes:finish", args=[attempt.pk]),
        {"score": "100", "passed": "1", "correct": "1"},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.passed is False
    assert Response.objects.get(attempt=attempt, question_id=entry["id"]).correct is False


def test_question_screen_never_carries_correct_answers(learner_client, quiz, attempt):
    from quizzes.models import Choice, Question

    QuizPage.objects.filter(pk=quiz.pk).update(layout="all")
    Question.objects.update(feedback="GIẢI THÍCH CHUNG BÍ MẬT")
    Choice.objects.update(feedback="GIẢI THÍCH PHƯƠNG ÁN BÍ MẬT")
    Question.objects.filter(type="numeric").update(numeric_answer="6.4321")
    Choice.objects.filter(question__type="short_text").update(text="đáp án ngắn bí ẩn")
    html = learner_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content.decode()
    assert html.count('<fieldset class="question"') == 8
    assert "correct" not in html.lower()
    assert "BÍ MẬT" not in html
    assert "6.4321" not in html
    assert Question.objects.get(type="short_text").choices.get().text not in html
    assert Question.objects.get(type="hotspot").regions.get().label not in html
    for choice in Choice.objects.filter(question__type="matching"):
        # right-hand sides are options of every select, never tied to their left-hand side
        assert f'name="q{choice.question_id}_m{choice.pk}"' in html
        assert f'value="{choice.match}" selected' not in html


def test_no_javascript_flow_saves_on_next_and_finishes(learner_client, attempt):
    entry = attempt.layout[0]
    url = reverse("quizzes:screen_save", args=[attempt.pk])
    response = learner_client.post(
        url,
        {"question": entry["id"], "sequence": 0, f"q{entry['id']}": entry["choices"][0], "go": "2"},
    )
    assert response.status_code == 302 and response["Location"].endswith("?cau=2")
    assert Response.objects.get(attempt=attempt).answer == entry["choices"][0]
    page = learner_client.get(response["Location"])
    assert page.status_code == 200
    finish = learner_client.post(reverse("quizzes:finish", args=[attempt.pk]), {"sequence": 1})
    assert finish["Location"] == reverse("quizzes:result", args=[attempt.pk])
    again = learner_client.post(reverse("quizzes:finish", args=[attempt.pk]), {"sequence": 1})
    assert again.status_code == 302
    result = learner_client.get(again["Location"])
    assert "đã nộp bài này rồi" in result.content.decode()


def test_result_follows_the_review_policy(learner_client, quiz, attempt):
    from quizzes.services import attempt_finish

    attempt_finish(attempt=attempt)
    url = reverse("quizzes:result", args=[attempt.pk])
    for policy, shows_answers, shows_items in (
        ("score", False, False),
        ("wrong", False, True),
        ("full", True, True),
        ("after_close", False, False),
    ):
        QuizPage.objects.filter(pk=quiz.pk).update(review_policy=policy)
        html = learner_client.get(url).content.decode()
        assert ("Đáp án đúng:" in html) is shows_answers, policy
        assert ("Xem lại bài làm" in html) is shows_items, policy


def test_screen_tells_quiz_js_which_answers_the_server_holds(learner_client, attempt):
    """quiz.js moves on with a GET only when every answer shown is saved: it learns which ones
    were saved before from `data-answered`, and where to go from `data-attempt-url`."""
    entry = attempt.layout[0]
    url = reverse("quizzes:attempt", args=[attempt.pk])
    html = learner_client.get(url).content.decode()
    assert f'data-attempt-url="{url}"' in html
    assert "data-answered" not in html
    save(learner_client, attempt, entry["id"], 0, **{f"q{entry['id']}": entry["choices"][0]})
    html = learner_client.get(url).content.decode()
    assert html.count("data-answered") == 1
    assert (
        f'data-question="{entry["id"]}"' in html.split("data-answered")[0].rsplit("<fieldset", 1)[1]
    )


def test_form_posted_with_the_sequence_from_before_an_autosave_writes_only_with_a_fresh_one(
    learner_client, attempt
):
    """The race behind the 409: an autosave lands while the screen's form is on its way with
    the sequence number the page had. The form's copy of that same answer is skipped, but an
    answer the form still has to write is refused as stale; with the sequence number the
    autosave answered (what quiz.js now waits for), it is written."""
    saved, unsaved = attempt.layout[0], attempt.layout[1]
    url = reverse("quizzes:screen_save", args=[attempt.pk])
    answer = {f"q{saved['id']}": saved["choices"][0]}
    autosave = save(learner_client, attempt, saved["id"], 0, **answer)
    assert autosave.json()["sequence"] == 1

    same = learner_client.post(url, {"question": saved["id"], "sequence": 0, **answer, "go": "2"})
    assert same.status_code == 302  # nothing to write: the stale number does not matter

    form = {
        "question": [saved["id"], unsaved["id"]],
        **answer,
        f"q{unsaved['id']}": unsaved["choices"][0],
        "go": "2",
    }
    stale = learner_client.post(url, {**form, "sequence": 0})
    assert stale.status_code == 409
    assert not Response.objects.filter(attempt=attempt, question_id=unsaved["id"]).exists()
    fresh = learner_client.post(url, {**form, "sequence": autosave.json()["sequence"]})
    assert fresh.status_code == 302
    picked = unsaved["choices"][0]
    expected = [picked] if unsaved["type"] == "multiple" else picked
    assert Response.objects.get(attempt=attempt, question_id=unsaved["id"]).answer == expected
