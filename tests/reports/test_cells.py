"""Figures written into table cells in Python show as the template engine showed them."""

import decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from reports.views.cells import figure, figure_cells


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize(
    "value", [0, 7, 12345, 33.3, 100.0, 66.66666666666667, decimal.Decimal("12.50"), -1.5]
)
def test_a_figure_is_what_the_template_showed(language, value):
    with translation.override(language):
        assert figure(value) == Template("{{ value }}").render(Context({"value": value}))


def test_cells_of_figures_and_a_dash_for_none():
    with translation.override("vi"):
        assert figure_cells(3, 33.5, None) == "<td>3</td><td>33,5</td><td>—</td>"


EVIL = '<script>alert("x")</script> & Tổ "1"'

# The rows as the templates wrote them before they were written in Python.
LEARNER_TEMPLATE = (
    '<th scope="row">{{ row.name }}</th><td>{{ row.team }}</td><td>{{ row.phone|default:"—" }}</td>'
)
TO_CALL_TEMPLATE = (
    '<th scope="row">{{ enrollment.user }}</th>'
    '<td>{% if enrollment.user.phone %}<a href="tel:{{ enrollment.user.phone }}">'
    "{{ enrollment.user.phone }}</a>{% else %}—{% endif %}</td>"
    "<td>{{ enrollment.team_name }}</td><td>{{ enrollment.course.title }}</td>"
    '<td>{{ enrollment.due_on|date:"d/m/Y"|default:"—" }}</td><td>{{ enrollment.state }}</td>'
)


@pytest.mark.parametrize("phone", ["0912 345 678", "", None, EVIL])
@pytest.mark.parametrize("name", ["Nguyễn Thị Hoa", EVIL])
def test_a_learners_cells_are_what_the_template_wrote(name, phone):
    from reports.views.cells import learner_cells

    row = {"name": name, "team": EVIL, "phone": phone}
    expected = Template(LEARNER_TEMPLATE).render(Context({"row": row}))
    assert learner_cells(name, EVIL, phone) == expected
    assert "<script>" not in learner_cells(name, EVIL, phone)


@pytest.mark.parametrize("phone", ["0912 345 678", "", EVIL])
@pytest.mark.parametrize("due_on", [None, "2026-12-01"])
def test_an_enrolment_to_calls_cells_are_what_the_template_wrote(phone, due_on):
    import datetime
    from types import SimpleNamespace

    from reports.to_call import NOT_STARTED
    from reports.views.cells import to_call_cells

    class Learner(SimpleNamespace):
        def __str__(self):
            return self.full_name

    enrollment = SimpleNamespace(
        user=Learner(full_name=EVIL, phone=phone),
        team_name=EVIL,
        course=SimpleNamespace(title=EVIL),
        due_on=due_on and datetime.date.fromisoformat(due_on),
        state=NOT_STARTED,
    )
    with translation.override("vi"):
        expected = Template(TO_CALL_TEMPLATE).render(Context({"enrollment": enrollment}))
        assert to_call_cells(enrollment) == expected
        assert "<script>" not in to_call_cells(enrollment)
