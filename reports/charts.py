"""Server-rendered SVG charts: readable without JavaScript, titled and described for screen
readers, always shown next to the table that carries the same figures."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT = 28
LABEL_WIDTH = 200
BAR_WIDTH = 400
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart(*, title: str, description: str, bars: list[Bar], maximum: float = 100) -> SafeString:
    """A horizontal bar chart of percentages (0..maximum), one row per bar."""
    height = ROW_HEIGHT * max(len(bars), 1) + 8
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    rows = format_html_join(
        "",
        '<g transform="translate(0,{})">'
        '<text x="{}" y="18" text-anchor="end" fill="currentColor" font-size="13">{}</text>'
        '<rect x="{}" y="4" width="{}" height="18" rx="2" fill="#e6e6e6"></rect>'
        '<rect x="{}" y="4" width="{}" height="18" rx="2" fill="#007d7e"></rect>'
        '<text x="{}" y="18" fill="currentColor" font-size="13">{}</text></g>',
        (
            (
                index * ROW_HEIGHT + 4,
                LABEL_WIDTH - 8,
                _shorten(bar.label),
                LABEL_WIDTH,
                BAR_WIDTH,
                LABEL_WIDTH,
                round(BAR_WIDTH * min(bar.value, maximum) / maximum, 1) if maximum else 0,
                LABEL_WIDTH + BAR_WIDTH + 6,
                f"{number_format(bar.value, 1)}%",
            )
            for index, bar in enumerate(bars)
        ),
    )
    return format_html(
        '<svg class="report-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="report-chart-title '
        'report-chart-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="report-chart-title">{}</title><desc id="report-chart-desc">{}</desc>{}</svg>',
        width,
        height,
        title,
        description,
        rows,
    )


def _shorten(label: str, limit: int = 28) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
