"""The SVG charts: titled and described, data names escaped, empty and one-row data drawn."""

import re
import xml.etree.ElementTree as ET

import pytest

from reports.charts import (
    Bar,
    Series,
    StackedBar,
    bar_chart,
    column_chart,
    heatmap,
    line_chart,
    stacked_bar_chart,
)

EVIL = '<script>alert("x")</script>'
SVG = "{http://www.w3.org/2000/svg}"


def stacked(bars):
    return stacked_bar_chart(
        title="Khóa học", description="Mô tả", series=["Xong", "Đang học", "Chưa"], bars=bars
    )


def line(labels, series):
    return line_chart(title="Xu hướng", description="Mô tả", labels=labels, series=series)


def grid(rows, columns, values):
    return heatmap(title="Năng lực", description="Mô tả", rows=rows, columns=columns, values=values)


def columns(bars):
    return column_chart(title="Phân bố điểm", description="Mô tả", bars=bars)


CHARTS = {
    "bar": lambda: bar_chart(title=EVIL, description=EVIL, bars=[Bar(EVIL, 50)]),
    "stacked": lambda: stacked_bar_chart(
        title=EVIL, description=EVIL, series=[EVIL], bars=[StackedBar(EVIL, (3,))]
    ),
    "column": lambda: column_chart(title=EVIL, description=EVIL, bars=[Bar(EVIL, 2)]),
    "line": lambda: line_chart(
        title=EVIL, description=EVIL, labels=[EVIL], series=[Series(EVIL, (1,))]
    ),
    "heatmap": lambda: heatmap(
        title=EVIL, description=EVIL, rows=[EVIL], columns=[(EVIL, EVIL)], values=[[0.5]]
    ),
}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(str(svg))  # noqa: S314 - our own output, parsed to prove it is well-formed


@pytest.mark.parametrize("kind", CHARTS)
def test_names_from_data_are_escaped_never_markup(kind):
    svg = str(CHARTS[kind]())
    assert "<script" not in svg
    assert "&lt;script&gt;" in svg
    root = parse(svg)
    assert root.find(f"{SVG}script") is None
    assert root.find(f"{SVG}title").text == EVIL
    assert root.find(f"{SVG}desc").text == EVIL


@pytest.mark.parametrize("kind", CHARTS)
def test_every_chart_is_an_image_labelled_by_its_title_and_description(kind):
    root = parse(CHARTS[kind]())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "report-chart-title report-chart-desc"
    assert "style" not in str(CHARTS[kind]())  # CSP: presentation attributes only


def test_charts_on_one_page_get_their_own_ids():
    svg = str(bar_chart(title="a", description="b", bars=[], chart_id="unit-rates"))
    assert 'id="unit-rates-title"' in svg and 'aria-labelledby="unit-rates-title' in svg


@pytest.mark.parametrize(
    "draw",
    [
        lambda: stacked([]),
        lambda: stacked([StackedBar("Rỗng", (0, 0, 0))]),
        lambda: line([], []),
        lambda: line(["T1", "T2"], [Series("Đăng ký", (0, 0))]),
        lambda: grid([], [], []),
        lambda: grid(["Tổ 1"], [("1.1", "Duyệt dữ liệu")], [[None]]),
        lambda: columns([]),
        lambda: columns([Bar("0–10%", 0)]),
    ],
)
def test_empty_data_draws_an_empty_but_valid_chart(draw):
    root = parse(draw())
    assert root.get("viewBox")
    assert "nan" not in str(draw()).lower()


def test_one_stacked_row_fills_the_width_in_proportion():
    root = parse(stacked([StackedBar("Xã A", (2, 1, 1))]))
    widths = [
        float(r.get("width")) for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None
    ]
    assert widths == [200.0, 100.0, 100.0]
    assert "Xong: 2" in [t.text for t in root.iter(f"{SVG}title")]


def test_a_zero_segment_is_left_out():
    root = parse(stacked([StackedBar("Xã A", (0, 3, 0))]))
    titled = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(titled) == 1


def test_one_point_line_is_centred_with_a_dot_and_tooltip():
    root = parse(line(["01/06"], [Series("Hoàn thành", (3,))]))
    (dot,) = root.iter(f"{SVG}circle")
    assert dot.find(f"{SVG}title").text == "Hoàn thành 01/06: 3"


def test_line_points_rise_with_the_values():
    root = parse(line(["a", "b", "c"], [Series("Đăng ký", (0, 5, 10))]))
    ys = [float(c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert ys[0] > ys[1] > ys[2]


def test_heatmap_writes_the_percentage_and_darkens_with_the_share():
    root = parse(grid(["Tổ 1"], [("1.1", "a"), ("1.2", "b")], [[0.05, 0.95]]))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "5" in texts and "95" in texts
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect")]
    assert fills == ["#f0f7f7", "#005f60"]


def test_histogram_heights_are_proportional():
    root = parse(columns([Bar("0–10%", 1), Bar("10–20%", 4)]))
    heights = [float(r.get("height")) for r in root.iter(f"{SVG}rect")]
    assert heights == [45.0, 180.0]


def test_long_labels_are_shortened_but_kept_in_full_in_the_tooltip():
    name = "Tổ công nghệ số cộng đồng ấp Phước Hòa mở rộng"
    svg = str(grid([name], [("1.1", "x")], [[0.5]]))
    assert re.search(r">Tổ công nghệ số cộng đồn…<", svg)
    assert f"{name} · 1.1 x: 50%" in svg


def test_a_heatmap_keeps_its_size_and_scrolls_while_other_charts_scale():
    wide = parse(grid(["Tổ 1"], [(str(n), "x") for n in range(24)], [[0.5] * 24]))
    assert wide.get("width") == wide.get("viewBox").split()[2]
    assert parse(columns([Bar("a", 1)])).get("width") == "100%"


@pytest.mark.parametrize("chart", ["bar", "stacked", "column", "heatmap"])
def test_a_cut_label_says_its_whole_name_in_its_title(chart):
    name = 'Tổ công nghệ số cộng đồng ấp Phước Hòa <b>"mở rộng"</b>'
    svg = {
        "bar": lambda: bar_chart(title="t", description="d", bars=[Bar(name, 50)]),
        "stacked": lambda: stacked_bar_chart(
            title="t", description="d", series=["a"], bars=[StackedBar(name, (3,))]
        ),
        "column": lambda: column_chart(title="t", description="d", bars=[Bar(name, 2)]),
        "heatmap": lambda: heatmap(
            title="t", description="d", rows=[name], columns=[("1.1", "x")], values=[[0.5]]
        ),
    }[chart]()
    root = parse(svg)  # still well-formed XML: the name is escaped
    labels = [text for text in root.iter(f"{SVG}text") if (text.text or "").endswith("…")]
    assert labels, "the label was cut"
    assert labels[0].find(f"{SVG}title").text == name
    short = bar_chart(title="t", description="d", bars=[Bar("Xã Phú Lý", 50)])
    assert "<title>Xã Phú Lý</title>" not in str(short)
