"""Table cells of figures, written in Python: a province's tables have hundreds of numbers,
and each one through the template engine (a variable node, localisation, escaping) cost more
than the rest of the row."""

from django.conf import settings
from django.utils.formats import localize
from django.utils.safestring import SafeString, mark_safe


def figure(value) -> str:
    """A number as the template engine shows it ({{ value }}: localised), None as a dash."""
    if value is None:
        return "—"
    if isinstance(value, int) and not settings.USE_THOUSAND_SEPARATOR:
        return str(value)  # what localize() gives an integer without thousand separators
    return localize(value)


def figure_cells(*values) -> SafeString:
    """`<td>` cells of numbers (integers, floats, decimals or None): nothing to escape."""
    return mark_safe(  # noqa: S308  # nosec B308, B703: localised numbers and a dash only
        "".join(f"<td>{figure(value)}</td>" for value in values)
    )
