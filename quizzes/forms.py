"""The question editor's form: checks the choices and regions against the question's type,
so that an editor cannot save a question that can never be answered right."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm


def _rows(formset) -> list[dict]:
    if not formset.is_valid():
        return []
    return [
        row
        for row in formset.cleaned_data
        if row and not row.get("DELETE") and (row.get("text") or row.get("left") is not None)
    ]


class QuestionForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("type")
        choices = _rows(self.formsets["choices"]) if "choices" in self.formsets else []
        regions = _rows(self.formsets["regions"]) if "regions" in self.formsets else []
        correct = sum(1 for row in choices if row.get("is_correct"))
        problem = ""
        if kind in ("single", "true_false") and (len(choices) < 2 or correct != 1):
            problem = _("Cần ít nhất hai phương án và đúng một phương án đúng.")
        elif kind == "multiple" and (len(choices) < 2 or correct < 1):
            problem = _("Cần ít nhất hai phương án và ít nhất một phương án đúng.")
        elif kind == "short_text" and not choices:
            problem = _("Hãy nhập ít nhất một câu trả lời được chấp nhận.")
        elif kind == "ordering" and len(choices) < 2:
            problem = _("Cần ít nhất hai mục để sắp xếp.")
        elif kind == "matching" and (
            len(choices) < 2 or any(not row.get("match") for row in choices)
        ):
            problem = _("Cần ít nhất hai cặp; mỗi phương án cần có vế “ghép với”.")
        elif kind == "hotspot" and not regions:
            problem = _("Hãy đánh dấu ít nhất một vùng đúng trên ảnh.")
        if problem:
            raise ValidationError(problem)
        return cleaned
