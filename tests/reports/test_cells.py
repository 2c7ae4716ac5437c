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
