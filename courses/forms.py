"""The manager's assignment form: a course, a unit from their scope, a due date."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .selectors import assignable_courses, manager_units_for


class CourseAssignForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Khóa học"), queryset=None, empty_label=_("— Chọn khóa học —")
    )
    unit = forms.ModelChoiceField(
        label=_("Giao cho đơn vị"),
        queryset=None,
        empty_label=_("— Chọn đơn vị —"),
        help_text=_("Mọi thành viên hiện tại của đơn vị và các đơn vị trực thuộc."),
    )
    due_on = forms.DateField(
        label=_("Hạn hoàn thành"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Hãy nhập ngày theo dạng năm-tháng-ngày.")},
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = assignable_courses()
        self.fields["unit"].queryset = manager_units_for(manager)
        self.fields["unit"].label_from_instance = lambda unit: "— " * (unit.depth - 1) + unit.name

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Hạn hoàn thành phải từ hôm nay trở đi."))
        return due_on
