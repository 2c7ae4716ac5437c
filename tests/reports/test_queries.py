"""Query budgets of the report pages, read from the roll-ups, at a small and a larger size:
the count must not grow with the number of teams or learners."""

import pytest
from django.urls import reverse

from reports.rollups import rollups_rebuild
from tests.factories import TEST_PASSWORD, unit_create
from tests.reports.conftest import enrol, member_create

pytestmark = pytest.mark.django_db

COMPLETION = reverse("reports_completion")
TO_CALL = reverse("reports_to_call")

# Measured (SQLite): 10 of each budget are Django's and Wagtail's admin
# itself (session user, user and group permissions, admin profile, sites and root page, locales,
# page and collection permissions for the menu); the rest are the report's own.
BUDGETS = {
    "completion_unit": 17,
    "completion_team": 20,
    "completion_csv": 9,
    "to_call": 16,
}


@pytest.fixture(params=[(5, 4), (50, 2)], ids=["5-teams", "50-teams"])
def sized(request, tree, course):
    teams, per_team = request.param
    units = [tree["team_1"], tree["team_2"]]
    units += [
        unit_create(name=f"Tổ A{n}", code=f"A{n}", kind="team", parent=tree["commune"])
        for n in range(3, teams + 1)
    ]
    for number, unit in enumerate(units):
        for index in range(per_team):
            enrol(
                member_create(unit),
                course,
                source="bulk",
                started=index % 2 == 0,
                completed=index % 3 == 0,
                certified=(number + index) % 4 == 0,
            )
    rollups_rebuild()
    return units


@pytest.fixture
def manager_client(client, manager):
    client.login(username=manager.username, password=TEST_PASSWORD)
    client.get(COMPLETION)  # the first admin page of a session writes the session
    return client


def test_the_completion_page_of_a_commune(
    manager_client, sized, course, django_assert_max_num_queries
):
    with django_assert_max_num_queries(BUDGETS["completion_unit"]):
        response = manager_client.get(COMPLETION, {"course": course.pk})
    assert response.status_code == 200
    assert len(response.context["report"].rows) == len(sized)


def test_the_completion_page_of_a_team(manager_client, sized, tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGETS["completion_team"]):
        response = manager_client.get(COMPLETION, {"unit": tree["team_1"].pk})
    assert response.status_code == 200
    assert response.context["learners"]


def test_the_completion_export(manager_client, sized, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGETS["completion_csv"]):
        response = manager_client.get(COMPLETION, {"export": "csv"})
        body = b"".join(response.streaming_content)
    assert body.count(b"\n") == len(sized) + 2


def test_who_to_call(manager_client, sized, django_assert_max_num_queries):
    with django_assert_max_num_queries(BUDGETS["to_call"]):
        response = manager_client.get(TO_CALL)
    assert response.status_code == 200
