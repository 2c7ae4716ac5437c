"""The report filters' Select writes exactly Django's HTML, without a template per option."""

import pytest
from django import forms
from django.utils.safestring import mark_safe

from reports.widgets import Select

CHOICES = [
    ("", "Mọi đơn vị"),
    (1, "Tỉnh Đồng Nai"),
    (2, '— Xã "A" & <B>'),
    ("x'y", mark_safe("<b>đã an toàn</b>")),  # noqa: S308 - a label marked safe stays as it is
    ("Nhóm <g>", [(3, "Tổ 1"), (4, "Tổ 2")]),
    (5, "Tổ 3"),
]


@pytest.mark.parametrize("value", [None, "", "2", 2, "x'y", 4, ["1"], "không có"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_unit", "data-x": 'q"q', "disabled": True, "hidden": False}]
)
def test_the_html_is_djangos(value, attrs):
    djangos = forms.Select(choices=CHOICES).render("unit", value, attrs)
    assert Select(choices=CHOICES).render("unit", value, attrs) == djangos


def test_names_are_escaped():
    html = Select(choices=CHOICES).render("unit", None)
    assert "&lt;B&gt;" in html and "<B>" not in html and "Nhóm &lt;g&gt;" in html
