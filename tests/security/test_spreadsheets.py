"""Finding 8 of issue 29: hostile spreadsheets. A 1.5 KB .xlsx claiming 16,384 columns held a
worker for 13-28 s, 20,000 claimed rows for minutes, because every importer built each row to
the claimed width before checking its limits. Every importer now reads through one bounded
reader (lms.spreadsheets): each file below is refused with a Vietnamese reason, or read within
our bounds, and the work done (cells built) is counted, not only timed."""

import io
import re
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from competencies.imports import framework_import
from lms.spreadsheets import MAX_UNZIPPED_BYTES
from people.imports import ImportRefused, read_rows
from quizzes.imports import parse_xlsx

pytestmark = pytest.mark.django_db

QUIZ_HEADER = ["loai", "noi_dung", "dap_an", "phuong_an_1", "phuong_an_2"]
# Our bounds: 40 columns (not the 16,384 claimed), and rows up to twice an importer's limit
# (people: 20,000 rows) however far down the sheet says it goes.
MAX_WIDTH = 40
MAX_ROWS_READ = 2 * 20_000 + 10
# A generous bound on wall time: the hostile files took 13 s to minutes before the fix.
MAX_SECONDS = 5


def _workbook(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite_sheet(data: bytes, change) -> bytes:
    """The same workbook with the XML of its first sheet passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = change(content.decode()).encode()
            target.writestr(item.filename, content)
    return buffer.getvalue()


def _claiming(data: bytes, ref: str) -> bytes:
    return _rewrite_sheet(
        data, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml)
    )


def _row_at(data: bytes, number: int) -> bytes:
    """A real, non-empty row far down the sheet (Excel's last row is 1,048,576)."""
    row = f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>x</t></is></c></row>'
    return _rewrite_sheet(data, lambda xml: xml.replace("</sheetData>", row + "</sheetData>"))


def _zip_bomb() -> bytes:
    """A workbook whose sheet unzips to far more than the bound: about 100 KB on disk."""
    good = zipfile.ZipFile(io.BytesIO(_workbook([QUIZ_HEADER])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in good.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item.filename, good.read(item.filename))
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b" " * (1024 * 1024)
            for _ in range(MAX_UNZIPPED_BYTES // len(chunk) + 8):
                sheet.write(chunk)
    return buffer.getvalue()


def _zip_of(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


def _hostile() -> dict[str, tuple[bytes, str]]:
    """Each hostile file, with what its refusal says (empty: it is read, within bounds)."""
    quiz = _workbook([QUIZ_HEADER, ["single", "Câu hỏi", "1", "A", "B"]])
    return {
        "claims XFD3000": (_claiming(quiz, "A1:XFD3000"), ""),
        "claims 20,000 rows": (_claiming(quiz, "A1:XFD20000"), ""),
        "a real row at 1,048,576": (_row_at(quiz, 1_048_576), "quá"),
        "zip bomb": (_zip_bomb(), "giải nén ra lớn quá"),
        "not a zip": (b"day khong phai bang tinh" * 10, "không phải là bảng tính .xlsx"),
        "a zip that is not a workbook": (_zip_of("hello.txt", b"xin chao"), "không phải"),
    }


HOSTILE = _hostile()


@pytest.fixture
def cells_built(monkeypatch):
    """Counts the rows openpyxl hands out and their widest: the work a claimed dimension used to
    cost (every row padded to 16,384 cells, empty rows up to the claimed last one)."""
    built = {"rows": 0, "widest": 0}
    original = ReadOnlyWorksheet._cells_by_row

    def counting(self, min_col, min_row, max_col, max_row, values_only=False):
        for row in original(self, min_col, min_row, max_col, max_row, values_only):
            built["rows"] += 1
            built["widest"] = max(built["widest"], len(row))
            yield row

    monkeypatch.setattr(ReadOnlyWorksheet, "_cells_by_row", counting)
    return built


def _timed(read):
    started = time.monotonic()
    result = read()
    return result, time.monotonic() - started


@pytest.mark.parametrize("name", list(HOSTILE))
def test_the_question_importer_reads_a_hostile_spreadsheet_within_bounds(name, cells_built):
    data, refusal = HOSTILE[name]
    (drafts, errors), seconds = _timed(lambda: parse_xlsx(data))
    assert cells_built["widest"] <= MAX_WIDTH
    assert cells_built["rows"] <= MAX_ROWS_READ
    assert seconds < MAX_SECONDS
    if refusal:
        assert drafts == [] and errors[0][0] == 0 and refusal in errors[0][1]
    else:  # the claimed size is ignored: the one real question is read
        assert errors == [] and len(drafts) == 1


@pytest.mark.parametrize("name", list(HOSTILE))
@pytest.mark.parametrize("importer", ["people", "competencies"])
def test_the_unit_and_framework_importers_read_a_hostile_spreadsheet_within_bounds(
    name, importer, cells_built
):
    data, refusal = HOSTILE[name]
    upload = SimpleUploadedFile("bang.xlsx", data)
    started = time.monotonic()
    if importer == "people" and not refusal:
        rows = read_rows(upload)
        assert len(rows) == 2 and len(rows[0]) <= 40
    elif importer == "people" or refusal:
        with pytest.raises(ImportRefused) as refused:
            read_rows(upload) if importer == "people" else framework_import(upload)
        message = str(refused.value)
        assert refusal in message or "Không đọc được tệp" in message
    else:  # read within bounds; the quiz header is not a framework's: reported on row one
        report = framework_import(upload)
        assert report.error_count and report.errors[0][0] == 1
    assert cells_built["widest"] <= MAX_WIDTH
    assert cells_built["rows"] <= MAX_ROWS_READ
    assert time.monotonic() - started < MAX_SECONDS


def test_more_real_rows_than_allowed_are_refused_as_soon_as_the_limit_is_passed(cells_built):
    rows = [QUIZ_HEADER] + [["single", f"Câu {n}", "1", "A", "B"] for n in range(2100)]
    drafts, errors = parse_xlsx(_workbook(rows))
    assert drafts == [] and errors == [(0, "tệp có quá 2000 câu hỏi")]
    assert cells_built["rows"] == 2002  # stopped once past the limit, not at row 2,101
