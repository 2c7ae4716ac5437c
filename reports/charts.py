"""Server-rendered SVG charts: readable without JavaScript, titled and described for screen
readers, always shown next to the table that carries the same figures.

Every text that comes from data (unit, course, competence names) goes through `format_html`,
so a name such as ``<script>`` is shown as text. Only presentation attributes are used (no
`style` attribute), which keeps the charts within a strict Content-Security-Policy too.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

ROW_HEIGHT = 28
LABEL_WIDTH = 200
BAR_WIDTH = 400
VALUE_WIDTH = 70
FONT_SIZE = 13

TEAL = "#007d7e"
TRACK = "#e6e6e6"
# Colour-blind-safe series colours (Okabe-Ito), each with a text colour that contrasts on it.
SERIES_COLOURS = ["#007d7e", "#e69f00", "#56b4e9", "#999999", "#cc79a7", "#0072b2"]
# Heatmap steps, light to dark, and the text colour readable on each.
HEAT_STEPS = [
    ("#f0f7f7", "#1b1f24"),
    ("#c6e3e3", "#1b1f24"),
    ("#8cc7c8", "#1b1f24"),
    ("#3f9fa0", "#ffffff"),
    ("#005f60", "#ffffff"),
]


def _joined(parts) -> SafeString:
    """Concatenates format_html pieces, escaping anything that is not already safe."""
    return format_html_join("", "{}", ((part,) for part in parts))


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


@dataclass(frozen=True)
class StackedBar:
    """One row of a stacked bar chart: a label and one value per series."""

    label: str
    values: tuple[float, ...]


@dataclass(frozen=True)
class Series:
    """One line of a line chart: a name and one value per x label."""

    name: str
    values: tuple[float, ...]


def _svg(
    *,
    chart_id: str,
    width: float,
    height: float,
    title: str,
    description: str,
    body,
    fixed: bool = False,
) -> SafeString:
    """The <svg> element: scaled to its container, or drawn at its own size when `fixed`
    (a wide heatmap scrolls sideways rather than shrinking its text)."""
    return format_html(
        '<svg class="report-chart" role="img" viewBox="0 0 {} {}" width="{}" '
        'preserveAspectRatio="xMinYMin meet" aria-labelledby="{}-title {}-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        width,
        height,
        width if fixed else "100%",
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        body,
    )


def _number(value: float, decimals: int = 0) -> str:
    return number_format(value, decimals)


def bar_chart(
    *,
    title: str,
    description: str,
    bars: list[Bar],
    maximum: float = 100,
    chart_id: str = "report-chart",
) -> SafeString:
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
    return _svg(
        chart_id=chart_id,
        width=width,
        height=height,
        title=title,
        description=description,
        body=rows,
    )


def _legend(names: list[str], y: float, colours: list[str]) -> SafeString:
    """Legend entries in one row under the plot: a swatch and the series name each."""
    step = (BAR_WIDTH + VALUE_WIDTH) / max(len(names), 1)
    return format_html_join(
        "",
        '<g transform="translate({},{})"><rect width="14" height="14" rx="2" fill="{}"></rect>'
        '<text x="20" y="12" fill="currentColor" font-size="13">{}</text></g>',
        (
            (round(LABEL_WIDTH + index * step, 1), y, colours[index % len(colours)], name)
            for index, name in enumerate(names)
        ),
    )


def stacked_bar_chart(
    *,
    title: str,
    description: str,
    series: list[str],
    bars: list[StackedBar],
    chart_id: str = "report-chart",
) -> SafeString:
    """Horizontal bars split into one segment per series (counts), scaled to the largest
    total; the total is written at the end of each bar, a legend names the series."""
    largest = max((sum(bar.values) for bar in bars), default=0)
    rows = []
    for index, bar in enumerate(bars):
        segments, x = [], float(LABEL_WIDTH)
        for position, value in enumerate(bar.values):
            width = round(BAR_WIDTH * value / largest, 1) if largest else 0
            if width > 0:
                segments.append(
                    format_html(
                        '<rect x="{}" y="4" width="{}" height="18" fill="{}">'
                        "<title>{}: {}</title></rect>",
                        round(x, 1),
                        width,
                        SERIES_COLOURS[position % len(SERIES_COLOURS)],
                        series[position] if position < len(series) else "",
                        _number(value),
                    )
                )
            x += width
        rows.append(
            format_html(
                '<g transform="translate(0,{})">'
                '<text x="{}" y="18" text-anchor="end" fill="currentColor" font-size="13">{}'
                "</text>{}"
                '<text x="{}" y="18" fill="currentColor" font-size="13">{}</text></g>',
                index * ROW_HEIGHT + 4,
                LABEL_WIDTH - 8,
                _shorten(bar.label),
                _joined(segments),
                round(x + 6, 1),
                _number(sum(bar.values)),
            )
        )
    plot_height = ROW_HEIGHT * max(len(bars), 1) + 8
    body = format_html(
        "{}{}",
        _joined(rows),
        _legend(series, plot_height + 4, SERIES_COLOURS),
    )
    return _svg(
        chart_id=chart_id,
        width=LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH + 40,
        height=plot_height + 28,
        title=title,
        description=description,
        body=body,
    )


def column_chart(
    *,
    title: str,
    description: str,
    bars: list[Bar],
    chart_id: str = "report-chart",
) -> SafeString:
    """Vertical bars of counts (a histogram when the labels are ranges), the count above
    each bar and the label under it."""
    plot_height, left, gap = 180, 40, 6
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    step = (width - left) / max(len(bars), 1)
    largest = max((bar.value for bar in bars), default=0)
    columns = format_html_join(
        "",
        '<g transform="translate({},0)">'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#007d7e"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-size="13">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-size="12">{}</text>'
        "</g>",
        (
            (
                round(left + index * step, 1),
                gap / 2,
                round(20 + plot_height - height, 1),
                round(step - gap, 1),
                height,
                bar.label,
                _number(bar.value),
                round(step / 2, 1),
                round(14 + plot_height - height, 1),
                _number(bar.value),
                round(step / 2, 1),
                plot_height + 38,
                _shorten(bar.label, 12),
            )
            for index, bar in enumerate(bars)
            for height in [round(plot_height * bar.value / largest, 1) if largest else 0]
        ),
    )
    axis = format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#767676"></line>',
        left,
        plot_height + 20,
        width,
        plot_height + 20,
    )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=plot_height + 48,
        title=title,
        description=description,
        body=format_html("{}{}", axis, columns),
    )


def line_chart(
    *,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    chart_id: str = "report-chart",
) -> SafeString:
    """One line per series over the x labels (e.g. weeks), with a dot and a tooltip per
    value, a zero-based y axis with three gridlines and a legend."""
    plot_height, left, top = 200, 50, 10
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    plot_width = width - left - 30  # room for the last x label, centred on its point
    largest = max((value for line in series for value in line.values), default=0)
    ceiling = _nice_ceiling(largest)
    step = plot_width / max(len(labels) - 1, 1)

    def x_of(index: int) -> float:
        return round(left + index * step if len(labels) > 1 else left + plot_width / 2, 1)

    def y_of(value: float) -> float:
        return round(top + plot_height - plot_height * value / ceiling, 1)

    grid = format_html_join(
        "",
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#d0d0d0"></line>'
        '<text x="{}" y="{}" text-anchor="end" fill="currentColor" font-size="12">{}</text>',
        (
            (left, y_of(value), left + plot_width, y_of(value), left - 6, y_of(value) + 4, value)
            for value in (0, ceiling // 2, ceiling)
        ),
    )
    # At most about eight x labels, so that they do not overlap.
    every = max(1, -(-len(labels) // 8))
    x_labels = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-size="12">{}</text>',
        (
            (x_of(index), top + plot_height + 18, label)
            for index, label in enumerate(labels)
            if index % every == 0 or index == len(labels) - 1
        ),
    )
    lines = []
    for position, line in enumerate(series):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        points = " ".join(f"{x_of(i)},{y_of(v)}" for i, v in enumerate(line.values))
        dots = format_html_join(
            "",
            '<circle cx="{}" cy="{}" r="4" fill="{}"><title>{} {}: {}</title></circle>',
            (
                (x_of(i), y_of(v), colour, line.name, labels[i] if i < len(labels) else "", v)
                for i, v in enumerate(line.values)
            ),
        )
        lines.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"></polyline>{}',
                points,
                colour,
                dots,
            )
        )
    body = format_html(
        "{}{}{}{}",
        grid,
        x_labels,
        _joined(lines),
        _legend([line.name for line in series], top + plot_height + 32, SERIES_COLOURS),
    )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=top + plot_height + 56,
        title=title,
        description=description,
        body=body,
    )


def heatmap(
    *,
    title: str,
    description: str,
    rows: list[str],
    columns: list[tuple[str, str]],
    values: list[list[float | None]],
    chart_id: str = "report-chart",
) -> SafeString:
    """A grid of shares (0..1): one row per label in `rows`, one column per (short label,
    full name) in `columns`; darker is higher, the percentage is written in each cell and
    None (no learners) is left blank."""
    cell, header = 36, 40
    width = LABEL_WIDTH + cell * max(len(columns), 1) + 8
    heads = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="middle" fill="currentColor" font-size="13">{}'
        "<title>{}</title></text>",
        (
            (LABEL_WIDTH + index * cell + cell / 2, header - 10, short, name)
            for index, (short, name) in enumerate(columns)
        ),
    )
    cells = []
    for row_index, label in enumerate(rows):
        y = header + row_index * cell
        cells.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="end" fill="currentColor" font-size="13">{}'
                "</text>",
                LABEL_WIDTH - 8,
                y + cell / 2 + 5,
                _shorten(label),
            )
        )
        row_values = values[row_index] if row_index < len(values) else []
        for column_index, (short, name) in enumerate(columns):
            value = row_values[column_index] if column_index < len(row_values) else None
            x = LABEL_WIDTH + column_index * cell
            if value is None:
                cells.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="#ffffff" '
                        'stroke="#d0d0d0"><title>{} · {}: —</title></rect>',
                        x,
                        y,
                        cell - 2,
                        cell - 2,
                        label,
                        name,
                    )
                )
                continue
            fill, ink = HEAT_STEPS[min(int(value * len(HEAT_STEPS)), len(HEAT_STEPS) - 1)]
            percent = round(100 * value)
            cells.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} · {} {}: {}%</title></rect>"
                    '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="13">{}</text>',
                    x,
                    y,
                    cell - 2,
                    cell - 2,
                    fill,
                    label,
                    short,
                    name,
                    percent,
                    x + cell / 2 - 1,
                    y + cell / 2 + 4,
                    ink,
                    percent,
                )
            )
    body = format_html(
        "{}{}",
        heads,
        _joined(cells),
    )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=header + cell * max(len(rows), 1) + 8,
        title=title,
        description=description,
        body=body,
        fixed=True,
    )


def _nice_ceiling(value: float) -> int:
    """The smallest of 2, 4, 10, 20, 40, 100 … (an even number) at or above `value`."""
    ceiling = 2
    while ceiling < value:
        ceiling = ceiling * 5 // 2 if str(ceiling).startswith("4") else ceiling * 2
    return ceiling


def _shorten(label: str, limit: int = 25) -> str:
    """Cut a label to fit the label column (about 25 characters at 13 px in 192 px)."""
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
