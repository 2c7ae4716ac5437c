"""Server-rendered SVG charts: readable without JavaScript, titled and described for screen
readers, always shown next to the table that carries the same figures.

Every text that comes from data (unit, course, competence names) is escaped (`_text`, Django's
`conditional_escape`), so a name such as ``<script>`` is shown as text; numbers are written by
Python's `str`. The SVG is built with plain string formatting rather than one `format_html`
per shape: a province's heatmap has over a thousand cells, and each label is escaped once, not
once per cell. Only presentation attributes are used (no `style` attribute), which keeps the
charts within a strict Content-Security-Policy too.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

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


def _text(value) -> str:
    """A text from data (or a translated string), escaped for the SVG."""
    return conditional_escape(value)


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
    chart_id = _text(chart_id)
    return mark_safe(  # noqa: S308  # nosec B308, B703: texts escaped by _text, body is SafeString
        f'<svg class="report-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width if fixed else "100%"}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-title">{_text(title)}</title>'
        f'<desc id="{chart_id}-desc">{_text(description)}</desc>{body}</svg>'
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
    rows = "".join(
        f'<g transform="translate(0,{index * ROW_HEIGHT + 4})">'
        f'<text x="{LABEL_WIDTH - 8}" y="18" text-anchor="end" fill="currentColor" '
        f'font-size="13">{_label(bar.label)}</text>'
        f'<rect x="{LABEL_WIDTH}" y="4" width="{BAR_WIDTH}" height="18" rx="2" '
        f'fill="{TRACK}"></rect>'
        f'<rect x="{LABEL_WIDTH}" y="4" '
        f'width="{round(BAR_WIDTH * min(bar.value, maximum) / maximum, 1) if maximum else 0}" '
        f'height="18" rx="2" fill="{TEAL}"></rect>'
        f'<text x="{LABEL_WIDTH + BAR_WIDTH + 6}" y="18" fill="currentColor" font-size="13">'
        f"{_text(number_format(bar.value, 1))}%</text></g>"
        for index, bar in enumerate(bars)
    )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=height,
        title=title,
        description=description,
        body=rows,
    )


def _legend(names: list[str], y: float, colours: list[str]) -> str:
    """Legend entries in one row under the plot: a swatch and the series name each."""
    step = (BAR_WIDTH + VALUE_WIDTH) / max(len(names), 1)
    return "".join(
        f'<g transform="translate({round(LABEL_WIDTH + index * step, 1)},{y})">'
        f'<rect width="14" height="14" rx="2" fill="{colours[index % len(colours)]}"></rect>'
        f'<text x="20" y="12" fill="currentColor" font-size="13">{_text(name)}</text></g>'
        for index, name in enumerate(names)
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
    names = [_text(name) for name in series]
    rows = []
    for index, bar in enumerate(bars):
        segments, x = [], float(LABEL_WIDTH)
        for position, value in enumerate(bar.values):
            width = round(BAR_WIDTH * value / largest, 1) if largest else 0
            if width > 0:
                segments.append(
                    f'<rect x="{round(x, 1)}" y="4" width="{width}" height="18" '
                    f'fill="{SERIES_COLOURS[position % len(SERIES_COLOURS)]}">'
                    f"<title>{names[position] if position < len(names) else ''}: "
                    f"{_text(_number(value))}</title></rect>"
                )
            x += width
        rows.append(
            f'<g transform="translate(0,{index * ROW_HEIGHT + 4})">'
            f'<text x="{LABEL_WIDTH - 8}" y="18" text-anchor="end" fill="currentColor" '
            f'font-size="13">{_label(bar.label)}</text>{"".join(segments)}'
            f'<text x="{round(x + 6, 1)}" y="18" fill="currentColor" font-size="13">'
            f"{_text(_number(sum(bar.values)))}</text></g>"
        )
    plot_height = ROW_HEIGHT * max(len(bars), 1) + 8
    body = "".join(rows) + _legend(series, plot_height + 4, SERIES_COLOURS)
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
    columns = []
    for index, bar in enumerate(bars):
        height = round(plot_height * bar.value / largest, 1) if largest else 0
        count = _text(_number(bar.value))
        columns.append(
            f'<g transform="translate({round(left + index * step, 1)},0)">'
            f'<rect x="{gap / 2}" y="{round(20 + plot_height - height, 1)}" '
            f'width="{round(step - gap, 1)}" height="{height}" fill="{TEAL}">'
            f"<title>{_text(bar.label)}: {count}</title></rect>"
            f'<text x="{round(step / 2, 1)}" y="{round(14 + plot_height - height, 1)}" '
            f'text-anchor="middle" fill="currentColor" font-size="13">{count}</text>'
            f'<text x="{round(step / 2, 1)}" y="{plot_height + 38}" text-anchor="middle" '
            f'fill="currentColor" font-size="12">{_label(bar.label, 12)}</text></g>'
        )
    axis = (
        f'<line x1="{left}" y1="{plot_height + 20}" x2="{width}" y2="{plot_height + 20}" '
        f'stroke="#767676"></line>'
    )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=plot_height + 48,
        title=title,
        description=description,
        body=axis + "".join(columns),
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

    grid = "".join(
        f'<line x1="{left}" y1="{y_of(value)}" x2="{left + plot_width}" y2="{y_of(value)}" '
        f'stroke="#d0d0d0"></line>'
        f'<text x="{left - 6}" y="{y_of(value) + 4}" text-anchor="end" fill="currentColor" '
        f'font-size="12">{value}</text>'
        for value in (0, ceiling // 2, ceiling)
    )
    texts = [_text(label) for label in labels]
    # At most about eight x labels, so that they do not overlap.
    every = max(1, -(-len(labels) // 8))
    x_labels = "".join(
        f'<text x="{x_of(index)}" y="{top + plot_height + 18}" text-anchor="middle" '
        f'fill="currentColor" font-size="12">{label}</text>'
        for index, label in enumerate(texts)
        if index % every == 0 or index == len(labels) - 1
    )
    lines = []
    for position, line in enumerate(series):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        name = _text(line.name)
        points = " ".join(f"{x_of(i)},{y_of(v)}" for i, v in enumerate(line.values))
        dots = "".join(
            f'<circle cx="{x_of(i)}" cy="{y_of(v)}" r="4" fill="{colour}">'
            f"<title>{name} {texts[i] if i < len(texts) else ''}: {_text(v)}</title></circle>"
            for i, v in enumerate(line.values)
        )
        lines.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5">'
            f"</polyline>{dots}"
        )
    legend = _legend([line.name for line in series], top + plot_height + 32, SERIES_COLOURS)
    return _svg(
        chart_id=chart_id,
        width=width,
        height=top + plot_height + 56,
        title=title,
        description=description,
        body=grid + x_labels + "".join(lines) + legend,
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
    # Plain str (not SafeString) once per label: formatting a SafeString into each of a
    # thousand cells costs a Python call per use.
    names = [(str(_text(short)), str(_text(name))) for short, name in columns]
    heads = "".join(
        f'<text x="{LABEL_WIDTH + index * cell + cell / 2}" y="{header - 10}" '
        f'text-anchor="middle" fill="currentColor" font-size="13">{short}'
        f"<title>{name}</title></text>"
        for index, (short, name) in enumerate(names)
    )
    # What a column's cells share, formatted once: the rectangle's and the text's x, its names.
    columns_parts = [
        (
            f'<rect x="{LABEL_WIDTH + index * cell}" y="',
            f'<text x="{LABEL_WIDTH + index * cell + cell / 2 - 1}" y="',
            short,
            name,
        )
        for index, (short, name) in enumerate(names)
    ]
    size = f'" width="{cell - 2}" height="{cell - 2}" '
    steps = len(HEAT_STEPS)
    cells = []
    for row_index, label in enumerate(rows):
        y = header + row_index * cell
        text = str(_text(label))
        row_y, text_y = str(y), str(y + cell / 2 + 4)
        cells.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + cell / 2 + 5}" text-anchor="end" '
            f'fill="currentColor" font-size="13">{_label(label)}</text>'
        )
        row_values = values[row_index] if row_index < len(values) else []
        for column_index, (rect_x, text_x, short, name) in enumerate(columns_parts):
            value = row_values[column_index] if column_index < len(row_values) else None
            if value is None:
                cells.append(
                    f'{rect_x}{row_y}{size}fill="#ffffff" stroke="#d0d0d0">'
                    f"<title>{text} · {name}: —</title></rect>"
                )
                continue
            fill, ink = HEAT_STEPS[min(int(value * steps), steps - 1)]
            percent = round(100 * value)
            cells.append(
                f'{rect_x}{row_y}{size}fill="{fill}">'
                f"<title>{text} · {short} {name}: {percent}%</title></rect>"
                f'{text_x}{text_y}" text-anchor="middle" '
                f'fill="{ink}" font-size="13">{percent}</text>'
            )
    return _svg(
        chart_id=chart_id,
        width=width,
        height=header + cell * max(len(rows), 1) + 8,
        title=title,
        description=description,
        body=heads + "".join(cells),
        fixed=True,
    )


def _nice_ceiling(value: float) -> int:
    """The smallest of 2, 4, 10, 20, 40, 100 … (an even number) at or above `value`."""
    ceiling = 2
    while ceiling < value:
        ceiling = ceiling * 5 // 2 if str(ceiling).startswith("4") else ceiling * 2
    return ceiling


def _label(label, limit: int = 25) -> str:
    """A label for the label column, escaped; when it had to be cut, the whole of it as the
    text's <title> (a tooltip, and what a screen reader says)."""
    short = _shorten(label, limit)
    if short == str(label):
        return _text(short)
    return f"{_text(short)}<title>{_text(label)}</title>"


def _shorten(label: str, limit: int = 25) -> str:
    """Cut a label to fit the label column (about 25 characters at 13 px in 192 px)."""
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1] + "…"
