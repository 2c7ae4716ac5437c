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


@pytest.mark.django_db
def test_options_of_rows_already_read_are_kept_and_only_the_selection_changes():
    """The unit filter of rows that were already read (the viewer's kept units) renders its
    options once; later renders of the same rows move the selection, give Django's HTML, and
    rows read again (a unit renamed) show the new names."""
    from django.utils import translation

    from people.models import OrgUnit
    from reports.filters import UnitChoiceField
    from tests.factories import unit_create

    province = unit_create(name="Tỉnh Đồng Nai", code="DN", kind="province")
    unit_create(name='Xã "Phú Lý" <b>', code="PL", parent=province)

    def rendered(rows, value):
        queryset = OrgUnit.objects.order_by("path")
        queryset._result_cache, queryset._prefetch_done = rows, True
        field = UnitChoiceField(queryset=queryset, empty_label="Mọi đơn vị")
        django_field = forms.ModelChoiceField(queryset=OrgUnit.objects.order_by("path"))
        django_field.empty_label, django_field.label_from_instance = (
            "Mọi đơn vị",
            (lambda unit: unit.tree_label),
        )
        ours = field.widget.render("unit", value, {"id": "id_unit"})
        djangos = forms.Select(choices=list(django_field.choices)).render(
            "unit", value, {"id": "id_unit"}
        )
        return ours, djangos

    rows = list(OrgUnit.objects.order_by("path"))
    ids = [str(unit.pk) for unit in rows]
    with translation.override("vi"):
        for value in (None, ids[1], ids[0], "", "999"):
            ours, djangos = rendered(rows, value)
            assert ours == djangos
            assert ours.count(" selected") == (value in ids or value in ("", None))
        OrgUnit.objects.filter(pk=rows[1].pk).update(name="Xã Phú Lý mới")
        ours, djangos = rendered(list(OrgUnit.objects.order_by("path")), ids[1])
        assert ours == djangos and "Xã Phú Lý mới" in ours
        ours, _ = rendered(rows, ids[1])  # the first rows, still kept, still their names
        assert "Phú Lý&quot; &lt;b&gt;" in ours


@pytest.mark.parametrize("value", [None, "", "2026-11-01", "0", '"><script>x</script>'])
@pytest.mark.parametrize("attrs", [None, {"id": "id_as_of", "aria-invalid": "true"}, {"id": 'a"b'}])
def test_the_date_input_html_is_wagtails(value, attrs):
    import datetime

    from wagtail.admin.widgets import AdminDateInput

    from reports.widgets import DateInput

    for shown in (value, datetime.date(2026, 11, 1)):
        assert DateInput().render("as_of", shown, attrs) == AdminDateInput().render(
            "as_of", shown, attrs
        )
