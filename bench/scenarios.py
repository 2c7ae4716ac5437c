"""The wrk scenarios: what each one requests, built from the fixtures, and its target."""

import datetime
from dataclasses import dataclass, field

from . import fixtures

# A report page's own work (its time beyond the admin chrome page of the same run, the
# `report_chrome` row) is at most 3 × the lesson page's time. docs/benchmarks.md says why the
# whole page is not held to that: Wagtail's own empty report costs more than 3 × already.
REPORT_TARGET = "<= 3 × lesson beyond the chrome"


@dataclass
class Scenario:
    key: str
    label: str
    kind: str  # get | save | finish
    target: str = ""  # e.g. ">= 0.10 T"
    server: str = "lms"
    data: list = field(default_factory=list)


@dataclass
class Pools:
    """Who requests what: learners with sessions, attempts in progress, the manager."""

    course: object
    lesson: object
    quiz: object
    pages: list  # [Login] of learners enrolled in the course
    save: list  # [(Login, attempt dict)]
    finish_users: list  # users whose attempts the finish scenario closes
    finish_logins: dict  # user id -> Login
    manager: fixtures.Login
    administrator: fixtures.Login  # opens Wagtail's own reports (reference rows)
    team_id: int
    quiz_report_id: int  # the quiz the quiz results' drill-down opens


def learner_gets(path: str, logins: list) -> list:
    return [[path, login.cookie] for login in logins]


def build(pools: Pools) -> list[Scenario]:
    from django.urls import reverse
    from django.utils import timezone

    course_url = pools.course.get_url()
    lesson_url = pools.lesson.get_url()
    catalogue_url = pools.course.get_parent().get_url()
    manager = pools.manager.cookie
    screens = [
        [reverse("quizzes:attempt", args=[item["attempt"]]) + f"?cau={n % 10 + 1}", login.cookie]
        for n, (login, item) in enumerate(pools.save)
    ]
    completion = reverse("reports_completion")
    month_ago = (timezone.localdate() - datetime.timedelta(days=30)).isoformat()
    to_call = reverse("reports_to_call")
    return [
        Scenario("T", "trivial view (T), `/ping`", "get", "", data=[["/ping", ""]]),
        Scenario(
            "cached",
            "home page, anonymous, from the page cache",
            "get",
            ">= 0.5 T",
            data=[["/", ""]],
        ),
        Scenario(
            "catalogue", "catalogue, learner", "get", data=learner_gets(catalogue_url, pools.pages)
        ),
        Scenario(
            "course", "course page, learner", "get", data=learner_gets(course_url, pools.pages)
        ),
        Scenario(
            "lesson",
            "lesson page, learner (uncached)",
            "get",
            ">= 0.10 T",
            data=learner_gets(lesson_url, pools.pages),
        ),
        Scenario("screen", "quiz question screen", "get", data=screens),
        Scenario("save", "answer save (POST)", "save", ">= 0.10 T"),
        Scenario(
            "finish",
            "quiz finish and grading (POST), roll-ups refreshed in the request (no task queue)",
            "finish",
            ">= 0.05 T",
        ),
        Scenario(
            "finish_queue",
            "quiz finish and grading (POST), roll-ups refreshed by the task queue "
            "(TASKS_BACKEND=database, one `db_worker` running beside)",
            "finish",
            ">= 0.05 T",
            server="lms_queue",
        ),
        Scenario(
            "report_completion",
            "report: completion by unit, province",
            "get",
            REPORT_TARGET,
            data=[[completion, manager]],
        ),
        Scenario(
            "report_team",
            "report: completion by unit, one team's learners",
            "get",
            REPORT_TARGET,
            data=[[f"{completion}?unit={pools.team_id}", manager]],
        ),
        Scenario(
            "report_to_call",
            "report: learners to call, province (counts per commune)",
            "get",
            REPORT_TARGET,
            data=[[to_call, manager]],
        ),
        Scenario(
            "report_to_call_team",
            "report: learners to call, one team's list",
            "get",
            REPORT_TARGET,
            data=[[f"{to_call}?unit={pools.team_id}", manager]],
        ),
        Scenario(
            "report_as_of",
            "report: completion by unit, province, as of 30 days ago",
            "get",
            REPORT_TARGET,
            data=[[f"{completion}?as_of={month_ago}", manager]],
        ),
        *[
            Scenario(key, label, "get", REPORT_TARGET, data=[[reverse(name), manager]])
            for key, label, name in OTHER_REPORTS
        ],
        Scenario(
            "report_quiz_detail",
            "report: one quiz's statistics, province (drill-down)",
            "get",
            REPORT_TARGET,
            data=[[f"{reverse('reports_quizzes')}?quiz={pools.quiz_report_id}", manager]],
        ),
        # Not a target: what any Wagtail admin page costs (the reports are admin pages).
        Scenario(
            "admin_home",
            "Wagtail admin home with the report panel, manager (reference)",
            "get",
            data=[[reverse("wagtailadmin_home"), manager]],
        ),
        # Not a target: a report page that reads no figures (its date filter is invalid, so
        # the form says so): the admin chrome and the filter form every report page pays.
        Scenario(
            "report_chrome",
            "a report page without figures: admin chrome and filters only (reference)",
            "get",
            data=[[f"{completion}?as_of=0", manager]],
        ),
        # Not targets: Wagtail's own reports, as an administrator opens them. Locked pages
        # lists nothing here (no page is locked): what an empty Wagtail report costs. Aging
        # pages lists the site's pages, fifty at a time.
        *[
            Scenario(key, label, "get", data=[[reverse(name), pools.administrator.cookie]])
            for key, label, name in WAGTAIL_REPORTS
        ],
    ]


WAGTAIL_REPORTS = [
    (
        "wagtail_locked",
        "Wagtail's own report: locked pages, none locked, administrator (reference)",
        "wagtailadmin_reports:locked_pages",
    ),
    (
        "wagtail_aging",
        "Wagtail's own report: aging pages, administrator (reference)",
        "wagtailadmin_reports:aging_pages",
    ),
]

# The other reports, as the province's manager first opens them (their default filters).
OTHER_REPORTS = [
    ("report_overview", "report: course overview, province", "reports_overview"),
    ("report_quizzes", "report: quiz results", "reports_quizzes"),
    ("report_trend", "report: trend by week", "reports_trend"),
    ("report_gaps", "report: competency gaps", "reports_gaps"),
]


def save_data(pools: Pools) -> list:
    """Fresh each round: the sequence each attempt is at now."""
    from django.urls import reverse

    from quizzes.models import Attempt

    sequences = dict(
        Attempt.objects.filter(pk__in=[item["attempt"] for _, item in pools.save]).values_list(
            "pk", "sequence"
        )
    )
    return [
        [
            reverse("quizzes:save", args=[item["attempt"]]),
            login.cookie,
            login.csrf,
            sequences[item["attempt"]],
            item["questions"],
        ]
        for login, item in pools.save
    ]


def finish_data(pools: Pools) -> list:
    """Fresh each round: a new in-progress attempt with ten saved answers per finish learner."""
    from django.urls import reverse

    items = fixtures.start_attempts(pools.finish_users, pools.quiz, answered=fixtures.QUESTIONS)
    return [
        [
            reverse("quizzes:finish", args=[item["attempt"]]),
            pools.finish_logins[item["user"]].cookie,
            pools.finish_logins[item["user"]].csrf,
        ]
        for item in items
    ]
