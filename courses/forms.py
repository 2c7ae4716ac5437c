"""The manager's assignment form: a course, a unit from their scope or chosen learners, a due
date."""

from contextlib import suppress

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from people.models import Membership, User
from people.phones import normalize_phone

from .selectors import assignable_courses, manager_units_for

# One query per line names a person: a pasted list of thousands would be thousands of queries.
MAX_LEARNER_LINES = 200


class CourseAssignForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Khóa học"), queryset=None, empty_label=_("— Chọn khóa học —")
    )
    unit = forms.ModelChoiceField(
        label=_("Giao cho đơn vị"),
        queryset=None,
        required=False,
        empty_label=_("— Chọn đơn vị —"),
        help_text=_("Mọi thành viên hiện tại của đơn vị và các đơn vị trực thuộc."),
    )
    learners = forms.CharField(
        label=_("Hoặc giao cho từng người"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Mỗi dòng một người: số điện thoại, e-mail hoặc tên đăng nhập."),
    )
    due_on = forms.DateField(
        label=_("Hạn hoàn thành"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Hãy nhập ngày theo dạng năm-tháng-ngày.")},
    )

    def __init__(self, *args, manager, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = assignable_courses()
        self.manager_units = manager_units_for(manager)
        self.fields["unit"].queryset = self.manager_units
        self.fields["unit"].label_from_instance = lambda unit: "— " * (unit.depth - 1) + unit.name

    def clean_learners(self) -> list[User]:
        """Each line names one person by phone, e-mail or username; every line must match a
        current member of the manager's units. Someone unknown and someone outside those units
        get the same answer: the form never tells whether an account exists. Each line counts
        once, and at most MAX_LEARNER_LINES (one query a line)."""
        lines = list(
            dict.fromkeys(
                filter(None, (line.strip() for line in self.cleaned_data["learners"].splitlines()))
            )
        )
        if len(lines) > MAX_LEARNER_LINES:
            raise forms.ValidationError(
                _(
                    "Mỗi lần giao cho tối đa %(max)s người; để giao cho nhiều người hơn, hãy chọn đơn vị."
                )
                % {"max": MAX_LEARNER_LINES}
            )
        members = Membership.objects.current().filter(unit__in=self.manager_units)
        candidates = User.objects.filter(is_active=True, pk__in=members.values("user_id"))
        found, unknown = [], []
        for line in lines:
            match = Q(email__iexact=line) | Q(username=line)
            with suppress(ValidationError):  # not a phone number: e-mail or username only
                match |= Q(phone=normalize_phone(line))
            user = candidates.filter(match).first()
            (found if user else unknown).append(user or line)
        if unknown:
            raise forms.ValidationError(
                _("Không tìm thấy trong các đơn vị bạn quản lý: %(names)s. Chưa giao cho ai.")
                % {"names": ", ".join(unknown)}
            )
        return found

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") and cleaned.get("learners"):
            raise forms.ValidationError(
                _("Hãy chọn một đơn vị hoặc ghi tên từng người, không cả hai.")
            )
        if not cleaned.get("unit") and not cleaned.get("learners") and not self.errors:
            raise forms.ValidationError(_("Hãy chọn một đơn vị hoặc ít nhất một người học."))
        return cleaned

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on < timezone.localdate():
            raise forms.ValidationError(_("Hạn hoàn thành phải từ hôm nay trở đi."))
        return due_on
