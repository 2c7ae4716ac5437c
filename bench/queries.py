"""SQL queries per page type, counted with Django's test client on the benchmark database
(production settings: Redis cache and cached_db sessions, so counts match the server's)."""

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from . import fixtures


def _client(login: fixtures.Login | None) -> Client:
    client = Client()
    if login:
        for part in login.cookie.split("; "):
            name, value = part.split("=", 1)
            client.cookies[name] = value
    return client


def _count(client: Client, method: str, path: str, data=None, *, expect=(200,)) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = getattr(client, method)(path, data or {})
    if response.status_code not in expect:
        raise RuntimeError(f"{method.upper()} {path}: {response.status_code}")
    return len(captured)


def report_pages(team_id: int, quiz_id: int | None) -> list[tuple[str, str, str]]:
    """Every report page the wrk step measures, as the province's manager opens it:
    (key, label, path). Also the pages `bench.inprocess --reports` times."""
    import datetime

    from django.utils import timezone

    completion, to_call = reverse("reports_completion"), reverse("reports_to_call")
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    return [
        ("report_completion", "report: completion, province", completion),
        (
            "report_team",
            "report: completion, one team's learners",
            f"{completion}?unit={team_id}",
        ),
        (
            "report_as_of",
            "report: completion, province, as of 30 days ago",
            f"{completion}?as_of={month_ago}",
        ),
        ("report_to_call", "report: learners to call, province", to_call),
        (
            "report_to_call_team",
            "report: learners to call, one team",
            f"{to_call}?unit={team_id}",
        ),
        ("report_overview", "report: course overview, province", reverse("reports_overview")),
        ("report_quizzes", "report: quiz results", reverse("reports_quizzes")),
        (
            "report_quiz_detail",
            "report: one quiz's statistics, province",
            f"{reverse('reports_quizzes')}?quiz={quiz_id}",
        ),
        ("report_trend", "report: trend by week", reverse("reports_trend")),
        ("report_gaps", "report: competency gaps", reverse("reports_gaps")),
        (
            "admin_home",
            "Wagtail admin home with the report panel (reference)",
            reverse("wagtailadmin_home"),
        ),
        (
            "report_chrome",
            "a report page without figures: admin chrome and filters only (reference)",
            f"{completion}?as_of=0",
        ),
    ]


def measure(pools) -> dict:
    """Counts for a warm cache (the second request of each page), as in production."""
    from quizzes.models import Attempt

    learner = pools.pages[0]
    login_save, item = pools.save[0]
    finish_user = pools.finish_users[0]
    finish_item = fixtures.start_attempts([finish_user], pools.quiz, answered=fixtures.QUESTIONS)[0]
    finish_login = fixtures.login(finish_user)
    attempt_url = reverse("quizzes:attempt", args=[item["attempt"]])
    pages = [
        ("home", "home page, anonymous", None, "get", "/", None, (200,)),
        (
            "catalogue",
            "catalogue, learner",
            learner,
            "get",
            pools.course.get_parent().get_url(),
            None,
            (200,),
        ),
        ("course", "course page, learner", learner, "get", pools.course.get_url(), None, (200,)),
        ("lesson", "lesson page, learner", learner, "get", pools.lesson.get_url(), None, (200,)),
        ("quiz", "quiz page, learner", learner, "get", pools.quiz.get_url(), None, (200,)),
        ("screen", "quiz question screen", login_save, "get", attempt_url, None, (200,)),
        *[
            (key, label, pools.manager, "get", path, None, (200,))
            for key, label, path in report_pages(pools.team_id, pools.quiz_report_id)
        ],
    ]
    results = {}
    for key, label, login, method, path, data, expect in pages:
        client = _client(login)
        _count(client, method, path, data, expect=expect)  # warm: caches and sessions read once
        results[key] = {
            "label": label,
            "queries": _count(client, method, path, data, expect=expect),
        }
    # Answer save: one real write with the sequence the attempt is at.
    question, choices = item["questions"][0]
    sequence = Attempt.objects.get(pk=item["attempt"]).sequence
    client = _client(login_save)
    results["save"] = {
        "label": "answer save (POST)",
        "queries": _count(
            client,
            "post",
            reverse("quizzes:save", args=[item["attempt"]]),
            {"question": question, "sequence": sequence, f"q{question}": choices[-1]},
        ),
    }
    results["finish"] = {
        "label": "quiz finish and grading (POST)",
        "queries": _count(
            _client(finish_login),
            "post",
            reverse("quizzes:finish", args=[finish_item["attempt"]]),
            {"cau": "10"},
            expect=(302,),
        ),
    }
    return results
