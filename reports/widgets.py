"""Widgets of the report filters."""

import html

from django import forms
from django.utils.safestring import SafeString, mark_safe


def _escape(text) -> str:
    """Django's conditional_escape (a value marked safe stays as it is), without its lazy-string
    wrapper and its SafeString per call: the same characters, `html.escape(str(text))`."""
    if hasattr(text, "__html__"):
        return text.__html__()
    return html.escape(str(text))


def _attrs(attrs: dict) -> str:
    """Django's django/forms/widgets/attrs.html, in Python."""
    return "".join(
        f" {_escape(name)}" + ("" if value is True else f'="{_escape(value)}"')
        for name, value in attrs.items()
        if value is not False
    )


class Select(forms.Select):
    """Django's Select with the same HTML, written in Python rather than through two template
    includes and an option dictionary per option: the unit filter of a province's manager has
    some 180 options, which took longer to render than the rest of the report page's filters,
    header and table. Named like Django's: Wagtail styles the field by its widget's class name
    (w-field--select). `ChoiceWidget.optgroups` is followed step by step: the first matching
    value only is selected (unless multiple), a group's options keep their values as given."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        values = self.format_value(value)
        attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        parts = [f'<select name="{_escape(name)}"{_attrs(attrs)}>']
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped:
                parts.append(f'\n  <optgroup label="{_escape(option_value)}">')
            for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
                text = str(sub_value)
                selected = (not has_selected or self.allow_multiple_selected) and text in values
                has_selected |= selected
                parts.append(
                    f'\n  <option value="{html.escape(text)}"{" selected" if selected else ""}>'
                    f"{_escape(sub_label)}</option>\n"
                )
            if grouped:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703: every value escaped
