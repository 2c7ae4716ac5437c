"""Finding 9 of issue 29: the course-assignment form told a manager whether an account
exists elsewhere, and report URLs read `?unit=%206`, `?unit=6.0` and `unit=6&unit=2` as the
manager's own data (200) rather than refusing them (400)."""

import datetime
from urllib.parse import urlencode

import django_filters
import pytest
from django.utils import timezone

from courses.models import Enrollment
from reports.views.base import ScopedReportMixin

from .conftest import client_for
from .matrix import url_routes

ASSIGN = "/hoc/giao-khoa-hoc/"


def _refusal(client, world, line: str) -> str:
    due = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    data = {"course": world.objects["course"].pk, "learners": line, "due_on": due}
    response = client.post(ASSIGN, data)
    assert response.status_code == 200
    return " ".join(response.context["form"].errors["learners"]).replace(line, "<tên>")


def test_the_assignment_form_says_the_same_for_an_unknown_person_and_an_outsider(world):
    manager = client_for(world, "manager_a")
    before = Enrollment.objects.count()
    outsider = _refusal(manager, world, world.users["learner_b"].username)
    unknown = _refusal(manager, world, "khong-co-ai-ten-nay")
    assert outsider == unknown
    assert "không thuộc" not in outsider
    assert Enrollment.objects.count() == before


def report_routes() -> list[str]:
    """Every report page of the admin (a view built on ScopedReportMixin), from the URLconf."""
    found = []
    for route, pattern in url_routes():
        view_class = getattr(pattern.callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(view_class, ScopedReportMixin):
            found.append(("/" + route, view_class))
    return found


def _good_value(world, name, filter_) -> str | None:
    """A valid value of a numeric report filter (None for the others)."""
    if isinstance(filter_, django_filters.ModelChoiceFilter):
        ids = {"unit": world.units["a"], "course": world.objects["course"]}
        ids["quiz"] = world.objects["quiz"]
        assert name in ids, f"a report filter {name!r}: add a value for it here"
        return str(ids[name].pk)
    if isinstance(filter_, django_filters.ChoiceFilter):
        return str(filter_.extra["choices"][0][0])
    return None


@pytest.mark.parametrize("spell", [" {v}", "{v}.0", "+{v}", "0{v}", "{v} ", "{v}abc"])
def test_report_ids_must_be_plain_digits(world, spell):
    manager = client_for(world, "manager_a")
    routes = report_routes()
    assert len(routes) >= 6
    tried = 0
    for path, view_class in routes:
        for name, filter_ in view_class.filterset_class.base_filters.items():
            good = _good_value(world, name, filter_)
            if good is None:
                continue
            assert manager.get(f"{path}?{urlencode({name: good})}").status_code == 200, path
            bad = manager.get(f"{path}?{urlencode({name: spell.format(v=good)})}")
            assert bad.status_code == 400, (path, name, spell)
            assert "số nguyên dương" in bad.content.decode()
            tried += 1
    assert tried >= 10


def test_a_report_filter_given_twice_is_refused(world):
    manager = client_for(world, "manager_a")
    other = str(world.units["x"].pk)
    for path, view_class in report_routes():
        for name, filter_ in view_class.filterset_class.base_filters.items():
            good = _good_value(world, name, filter_) or "2026-01-01"
            second = other if name == "unit" else good
            response = manager.get(f"{path}?{name}={good}&{name}={second}")
            assert response.status_code == 400, (path, name)
            assert "chỉ được có một giá trị" in response.content.decode()
        assert manager.get(f"{path}?export=csv&export=xlsx").status_code == 400
