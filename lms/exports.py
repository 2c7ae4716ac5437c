"""The one writer of spreadsheets (CSV and .xlsx) that leave the site: every export, report
and template workbook goes through it, so that no cell a person typed can run as a formula
on the machine that opens the file (OWASP's CSV-injection rule).

A text cell that starts with ``= + - @``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets when it arrives in a CSV file or is edited in a workbook. Such a
cell gets a single quote in front: in CSV the character itself (``'=1+2``), in .xlsx the
cell's *quote prefix* (how Excel itself stores a typed leading apostrophe: the sheet shows
the text, the value reads back unchanged, so a downloaded import template imports again as
it was). Numbers stay numbers (``-2`` is a number, not a formula); only text is neutralised.

Lower apps import this module: it imports nothing of ours.
"""

import csv
import datetime
import decimal
import io
from collections.abc import Iterable, Iterator

from django.utils.functional import Promise

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A byte-order mark, so that Excel reads Vietnamese text in a CSV file as UTF-8.
BOM = "\ufeff"

Cell = str | int | float | decimal.Decimal | datetime.date | datetime.time | bool | None


def is_formula_like(value) -> bool:
    """Whether `value` is text that a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise(value):
    """`value` with a single quote in front when it is formula-like text; anything else as is."""
    return "'" + value if is_formula_like(value) else value


class _Line:
    """The write side of a file that hands back what was written (a CSV line at a time)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Cell]], *, bom: bool = True) -> Iterator[str]:
    """CSV text, one line at a time (for a streaming response), every text cell neutralised."""
    writer = csv.writer(_Line())
    if bom:
        yield BOM
    for row in rows:
        yield writer.writerow([_csv_cell(value) for value in row])


def _text(value):
    """Lazy translations as the text they are."""
    return str(value) if isinstance(value, Promise) else value


def _csv_cell(value) -> str:
    value = _text(value)
    if value is None:
        return ""
    # Only text is neutralised: a number, negative or not, is written as the number it is.
    return neutralise(value) if isinstance(value, str) else str(value)


def csv_bytes(rows: Iterable[Iterable[Cell]], *, bom: bool = True) -> bytes:
    """A whole CSV file as UTF-8 bytes."""
    return "".join(csv_lines(rows, bom=bom)).encode("utf-8")


def xlsx_cells(sheet, row: Iterable[Cell], *, date_format: str | None = None) -> list:
    """Cells of one row for a write-only sheet: text is always text (never a formula), and
    formula-like text carries the quote prefix."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in row:
        value = _text(value)
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # openpyxl would make "=…" a formula
            if is_formula_like(value):
                cell.quotePrefix = True
        else:
            cell = WriteOnlyCell(sheet, value)
            if date_format and isinstance(value, datetime.datetime):
                cell.number_format = date_format
        cells.append(cell)
    return cells


def xlsx_bytes(sheets: dict[str, Iterable[Iterable[Cell]]]) -> bytes:
    """A workbook of `sheets` (title -> rows, heading first), every text cell neutralised."""
    output = io.BytesIO()
    xlsx_write(sheets, output)
    return output.getvalue()


def xlsx_write(sheets: dict[str, Iterable[Iterable[Cell]]], output, *, date_format=None):
    """Writes the workbook of `sheets` to the binary file `output`."""
    from openpyxl import Workbook

    book = Workbook(write_only=True, iso_dates=True)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append(xlsx_cells(sheet, row, date_format=date_format))
    book.save(output)


def install_in_wagtail_exports() -> None:
    """Routes the export of every Wagtail list and report view (`SpreadsheetExportMixin`:
    ours in reports/, Wagtail's own reports, any listing with `list_export`) through this
    writer: its CSV and .xlsx rows and headings. Called once from `LmsConfig.ready`."""
    from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "_lms_exports", False):
        return

    def stream_csv(self, queryset):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (_row(self, item, self.FORMAT_CSV) for item in queryset)
        yield from csv_lines(_chain(headings, rows))

    def write_xlsx(self, queryset, output):
        headings = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (_row(self, item, self.FORMAT_XLSX) for item in queryset)
        xlsx_write(
            {"Sheet1": _chain(headings, rows)}, output, date_format=ExcelDateFormatter().get()
        )

    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.write_xlsx = write_xlsx
    SpreadsheetExportMixin._lms_exports = True


def _row(view, item, export_format) -> list:
    values = view.to_row_dict(item)
    return [
        view.preprocess_field_value(field, values.get(field), export_format)
        for field in view.list_export
    ]


def _chain(first, rest):
    yield first
    yield from rest
