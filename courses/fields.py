"""A set of choices stored as one delimited text column (no JSON or array type needed)."""

from django import forms
from django.db import models


class ChoiceSetField(models.CharField):
    """Stores a set of choice values as ",a,b," so that `contains=",a,"` filters on any database.

    In Python the value is a list of choice values; the form widget is a set of checkboxes.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        return name, path, args, kwargs

    @staticmethod
    def _split(value: str) -> list[str]:
        return [part for part in value.split(",") if part]

    def from_db_value(self, value, expression, connection):
        return self._split(value) if isinstance(value, str) else value

    def to_python(self, value):
        if value is None:
            return []
        if isinstance(value, str):
            return self._split(value)
        return list(value)

    def get_prep_value(self, value):
        if isinstance(value, str):  # a lookup value such as ",official,"
            return value
        values = [str(item) for item in (value or [])]
        return f",{','.join(values)}," if values else ""

    def validate(self, value, model_instance):
        allowed = {str(key) for key, _label in self.choices or []}
        for item in value or []:
            if item not in allowed:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], params={"value": item}
                )
        if not self.blank and not value:
            raise forms.ValidationError(self.error_messages["blank"])

    def run_validators(self, value):
        # CharField's max-length validator measures the stored text, not the list.
        return super().run_validators(self.get_prep_value(value))

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.MultipleChoiceField,
            "choices": self.choices,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
            "label": self.verbose_name,
            "help_text": self.help_text,
        }
        defaults.update(kwargs)
        defaults.pop("choices_form_class", None)
        defaults.pop("coerce", None)
        defaults.pop("empty_value", None)
        defaults.pop("max_length", None)
        form_class = defaults.pop("form_class")
        return form_class(**defaults)
