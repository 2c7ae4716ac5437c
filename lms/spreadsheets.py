"""One bounded reader for uploaded .xlsx spreadsheets, shared by every importer.

A workbook says how large its sheet is (`<dimension ref="A1:XFD3000"/>`); openpyxl believes it
and pads every row to the claimed width, so a 1.5 KB file cost a worker minutes. Here the
claimed dimension is ignored: rows are streamed (openpyxl read-only mode) with our own column
bound, reading stops as soon as the file holds more rows than the caller allows, and the zip
members are checked before anything is decompressed (a small file that unzips to gigabytes is
refused from its directory alone).

Infrastructure imported by `people`, `competencies` and `quizzes`: this module imports no app.
"""

import io
import zipfile

from django.utils.translation import gettext as _

# The uncompressed size of all the members of a workbook. A 20,000-row import of nine columns
# is about 12 MB of XML; anything far larger is a zip bomb or not an import.
MAX_UNZIPPED_BYTES = 40 * 1024 * 1024
# Members a workbook needs; a zip without them is some other kind of file.
REQUIRED_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")


class SpreadsheetRefused(ValueError):
    """The file cannot be read as asked; `str(error)` is the Vietnamese reason to show and
    `code` says which: "not_xlsx", "too_large" or "too_many_rows"."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


def _not_a_workbook() -> SpreadsheetRefused:
    return SpreadsheetRefused(_("Tệp không phải là bảng tính .xlsx hợp lệ."), "not_xlsx")


def _check_archive(data: bytes, max_unzipped: int) -> None:
    """Refuse what is not a zip, not a workbook, or unzips to more than `max_unzipped` bytes;
    from the zip's directory only, nothing is decompressed (zipfile never inflates a member
    past the size its directory states, so the sum below bounds the work)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise _not_a_workbook() from None
    names = {member.filename for member in members}
    if not all(name in names for name in REQUIRED_MEMBERS):
        raise _not_a_workbook()
    if sum(member.file_size for member in members) > max_unzipped:
        raise SpreadsheetRefused(
            _("Bảng tính giải nén ra lớn quá %(size)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"size": max_unzipped // (1024 * 1024)},
            "too_large",
        )


def _is_blank(row) -> bool:
    return all(value is None or str(value).strip() == "" for value in row)


def too_many_rows(max_rows: int) -> SpreadsheetRefused:
    """The refusal for a file with more rows than an importer takes (header included)."""
    return SpreadsheetRefused(
        _("Bảng tính có quá %(max)s dòng. Hãy chia thành nhiều tệp nhỏ hơn.")
        % {"max": f"{max_rows:,}".replace(",", ".")},
        "too_many_rows",
    )


def xlsx_rows(
    data: bytes,
    *,
    max_rows: int,
    max_columns: int,
    max_unzipped: int = MAX_UNZIPPED_BYTES,
) -> list[tuple[int, tuple]]:
    """The non-blank rows of the first sheet (header first) with their row numbers, each
    `max_columns` values wide: `[(1, ("loai", "noi_dung", …)), (2, …), (4, …)]`.

    Refused with `SpreadsheetRefused` when the file is not a workbook, unzips to too much, or
    holds more than `max_rows` non-blank rows or any row numbered past twice that (blank rows
    in between are skipped but counted against that bound, so a row numbered 1,048,576 costs
    nothing). Columns past `max_columns` are not read into rows.
    """
    from openpyxl import load_workbook

    _check_archive(data, max_unzipped)
    last_row_number = 2 * max_rows + 10
    rows: list[tuple[int, tuple]] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            sheet.reset_dimensions()  # the claimed size is not to be believed
            scanned = 0
            for row in sheet.iter_rows(
                min_row=1, max_row=last_row_number, max_col=max_columns, values_only=True
            ):
                scanned += 1
                if scanned >= last_row_number:
                    raise too_many_rows(max_rows)
                if _is_blank(row):
                    continue
                rows.append((scanned, row))
                if len(rows) > max_rows:
                    raise too_many_rows(max_rows)
        finally:
            book.close()
    except SpreadsheetRefused:
        raise
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged workbook
        raise _not_a_workbook() from None
    return rows
