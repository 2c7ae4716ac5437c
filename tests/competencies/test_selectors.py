"""Manager figures: share of learners at or above a level per competence, within a unit tree."""

import datetime

import pytest

from competencies.models import CompetenceLevel
from competencies.selectors import level_share_by_competence, weakest_competences_for
from people.models import Membership
from tests.factories import (
    AreaFactory,
    CompetenceFactory,
    FrameworkFactory,
    UserFactory,
    unit_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def framework():
    framework = FrameworkFactory()
    area = AreaFactory(framework=framework, code="1")
    CompetenceFactory(area=area, code="1.1")
    CompetenceFactory(area=area, code="1.2")
    return framework


@pytest.fixture
def tree():
    province = unit_create(name="Tỉnh", code="P")
    commune = unit_create(name="Xã A", code="P-A", parent=province)
    team = unit_create(name="Tổ 1", code="P-A-1", kind="team", parent=commune)
    other = unit_create(name="Xã B", code="P-B", parent=province)
    return {"province": province, "commune": commune, "team": team, "other": other}


def member(unit, levels, framework, **dates):
    user = UserFactory()
    Membership.objects.create(
        user=user,
        unit=unit,
        valid_from=dates.get("since", datetime.date(2025, 1, 1)),
        valid_to=dates.get("until"),
    )
    competences = {c.code: c for c in framework.areas.get().competences.all()}
    for code, level in levels.items():
        CompetenceLevel.objects.create(user=user, competence=competences[code], level=level)
    return user


def shares(unit, level, framework):
    return {
        row.competence.code: (row.at_or_above, row.learners)
        for row in level_share_by_competence(unit, level, framework)
    }


def test_share_counts_the_unit_and_every_unit_below_it(framework, tree):
    member(tree["commune"], {"1.1": 3}, framework)
    member(tree["team"], {"1.1": 2, "1.2": 4}, framework)
    member(tree["team"], {}, framework)
    member(tree["other"], {"1.1": 8}, framework)
    assert shares(tree["commune"], 3, framework) == {"1.1": (1, 3), "1.2": (1, 3)}
    assert shares(tree["commune"], 2, framework) == {"1.1": (2, 3), "1.2": (1, 3)}
    assert shares(tree["province"], 3, framework) == {"1.1": (2, 4), "1.2": (1, 4)}
    assert shares(tree["team"], 1, framework) == {"1.1": (1, 2), "1.2": (1, 2)}


def test_share_is_a_fraction_and_zero_for_an_empty_unit(framework, tree):
    member(tree["team"], {"1.1": 3}, framework)
    member(tree["team"], {}, framework)
    rows = level_share_by_competence(tree["team"], 3, framework)
    assert rows[0].share == 0.5
    assert all(row.share == 0 for row in level_share_by_competence(tree["other"], 1, framework))


def test_past_members_are_not_counted(framework, tree):
    member(
        tree["team"],
        {"1.1": 5},
        framework,
        since=datetime.date(2024, 1, 1),
        until=datetime.date(2025, 1, 1),
    )
    member(tree["team"], {}, framework)
    assert shares(tree["team"], 1, framework)["1.1"] == (0, 1)


def test_a_sibling_with_a_similar_code_prefix_is_not_inside(framework, tree):
    # treebeard paths: a unit's subtree is exactly the paths that start with its own path
    member(tree["other"], {"1.1": 5}, framework)
    assert shares(tree["commune"], 1, framework)["1.1"] == (0, 0)


@pytest.mark.parametrize("learners", [3, 60])
def test_share_uses_a_bounded_number_of_queries(
    framework, tree, learners, django_assert_max_num_queries
):
    for index in range(learners):
        unit = tree["team"] if index % 2 else tree["commune"]
        member(unit, {"1.1": index % 8 + 1, "1.2": 2}, framework)
    for index in range(learners // 3):
        extra = unit_create(
            name=f"Tổ {index + 2}", code=f"P-A-{index + 2}", kind="team", parent=tree["commune"]
        )
        member(extra, {"1.1": 4}, framework)
    with django_assert_max_num_queries(3) as captured:
        rows = level_share_by_competence(tree["commune"], 4, framework)
    assert rows[0].learners == learners + learners // 3
    print(f"level_share_by_competence, {rows[0].learners} learners: {len(captured)} queries")


def test_weakest_competences_put_lowest_levels_first_then_started_ones(framework, learner):
    competences = list(framework.areas.get().competences.order_by("code"))
    third = CompetenceFactory(area=competences[0].area, code="1.3")
    CompetenceLevel.objects.create(user=learner, competence=competences[0], level=3)
    CompetenceLevel.objects.create(user=learner, competence=third, level=0)
    weakest = weakest_competences_for(learner, limit=2, framework=framework)
    assert [status.competence.code for status in weakest] == ["1.3", "1.2"]
