"""Widgets of the report filters."""

import html

from django import forms
from django.utils.html import escapejs
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.admin.widgets import AdminDateInput

# Rendered options of preloaded choices (Select._options): a few lists per viewer.
MAX_KEPT_OPTIONS = 200
_kept_options: dict = {}


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
        for text, option, label in self._options():
            if text is None:  # an optgroup's opening or closing tag
                parts.append(option)
                continue
            selected = (not has_selected or self.allow_multiple_selected) and text in values
            has_selected |= selected
            # `option` is the tag without its closing `>`, so that " selected" fits in.
            parts.append(f"{option} selected>" if selected else f"{option}>")
            parts.append(label)
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308, B703: every value escaped

    def _options(self) -> list[tuple[str | None, str, str]]:
        """The options as (value, `<option value="…"`, `label</option>`), unselected. Choices
        read from rows that were already read (reports.filters.PreloadedChoiceField: the
        viewer's kept units, the kept course list) are the same each time those rows are
        given again, so their options are kept too, for the same rows, field, empty label and
        language."""
        rows = getattr(getattr(self.choices, "queryset", None), "_result_cache", None)
        if rows is None:
            return self._render_options()
        field = self.choices.field
        key = (id(rows), type(field), field.to_field_name, str(field.empty_label), get_language())
        kept = _kept_options.get(key)
        if kept is None or kept[0] is not rows:  # another list now has that id
            if len(_kept_options) >= MAX_KEPT_OPTIONS:
                _kept_options.clear()
            kept = _kept_options[key] = (rows, self._render_options())
        return kept[1]

    def _render_options(self) -> list[tuple[str | None, str, str]]:
        options = []
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped:
                options.append((None, f'\n  <optgroup label="{_escape(option_value)}">', ""))
            for sub_value, sub_label in option_label if grouped else [(option_value, option_label)]:
                text = str(sub_value)
                options.append(
                    (
                        text,
                        f'\n  <option value="{html.escape(text)}"',
                        f"{_escape(sub_label)}</option>\n",
                    )
                )
            if grouped:
                options.append((None, "\n  </optgroup>", ""))
        return options


class DateInput(AdminDateInput):
    """Wagtail's AdminDateInput with the same HTML, written in Python rather than through
    three template includes (its date, input and attrs templates): on every report page."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = "" if widget["value"] is None else f' value="{_escape(widget["value"])}"'
        input_id = escapejs(widget["attrs"].get("id", ""))
        return mark_safe(  # noqa: S308  # nosec B308, B703: every value escaped
            f'<input type="{_escape(widget["type"])}" name="{_escape(name)}"{shown}'
            f"{_attrs(widget['attrs'])}>\n\n"
            f'<script>initDateChooser("{input_id}", {widget["config_json"]});</script>'
        )
