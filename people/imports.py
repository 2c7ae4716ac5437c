"""Import of units and learners from .xlsx or .csv: all or nothing, a per-row report.

One row is a unit (code, name, kind, parent code) and, when "Họ và tên" is filled, also a
learner who belongs to that unit. Units are matched by code and learners by phone or e-mail,
so importing the same file twice changes nothing."""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from lms.exports import xlsx_bytes
from lms.spreadsheets import SpreadsheetRefused, too_many_rows, xlsx_rows

from .models import Audience, LearnerProfile, Membership, OrgUnit, OrgUnitKind, User
from .phones import normalize_phone
from .services import _unique_username, unit_create

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000  # rows of a file, its header included
MAX_COLUMNS = 40  # the nine of COLUMNS, in any order, with room for notes
MAX_REPORTED = 200

# The file format: headings are always Vietnamese, whatever the language of the admin.
COLUMNS = [
    ("unit_code", "Mã đơn vị"),
    ("unit_name", "Tên đơn vị"),
    ("unit_kind", "Loại đơn vị"),
    ("parent_code", "Mã đơn vị cấp trên"),
    ("full_name", "Họ và tên"),
    ("phone", "Số điện thoại"),
    ("email", "E-mail"),
    ("audience", "Đối tượng"),
    ("birth_year", "Năm sinh"),
]


def _labels(choices) -> dict[str, str]:
    with translation.override("vi"):
        return {str(label).lower(): value for value, label in choices}


class ImportRefused(Exception):
    """The file as a whole cannot be read (type, size, emptiness)."""


@dataclass
class ImportReport:
    errors: list = field(default_factory=list)  # (row, column, message)
    error_count: int = 0
    units_created: int = 0
    learners_created: int = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((row, column, message))


def template_xlsx() -> bytes:
    """The import template: the headings and one example row (written by lms.exports)."""
    heading = [str(label) for _, label in COLUMNS]
    example = [
        "DNA-LPH-T9",
        "Tổ CNSCĐ ấp Mới",
        "Tổ công nghệ số cộng đồng",
        "DNA-LPH",
        "Nguyễn Văn Bảy",
        "0912345678",
        "",
        "Thành viên tổ công nghệ số cộng đồng",
        1958,
    ]
    return xlsx_bytes({"Du lieu": [heading, example]})


def _unreadable() -> ImportRefused:
    return ImportRefused(_("Không đọc được tệp: đây không phải bảng tính .xlsx hoặc .csv hợp lệ."))


def _csv_rows(data: bytes, *, max_rows: int, max_columns: int) -> list[list[str]]:
    """The non-blank rows of a CSV file, stopping as soon as there are too many."""
    rows = []
    for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
        if not any(cell.strip() for cell in row):
            continue
        rows.append(row[:max_columns])
        if len(rows) > max_rows:
            raise too_many_rows(max_rows)
    return rows


def read_rows(upload, *, max_rows: int = MAX_ROWS) -> list[list[str]]:
    """Rows of text from an uploaded .xlsx or .csv, header first; ImportRefused otherwise.

    Both readers stop at `max_rows` non-blank rows (header included) and `MAX_COLUMNS`
    columns, whatever size the file claims (lms.spreadsheets)."""
    name = (upload.name or "").lower()
    if upload.size > MAX_BYTES:
        raise ImportRefused(_("Tệp lớn hơn 5 MB. Hãy chia thành nhiều tệp nhỏ hơn."))
    if upload.size == 0:
        raise ImportRefused(_("Tệp trống."))
    data = upload.read(MAX_BYTES + 1)
    try:
        if name.endswith(".csv"):
            rows = _csv_rows(data, max_rows=max_rows, max_columns=MAX_COLUMNS)
        elif name.endswith(".xlsx"):
            rows = [
                row for _number, row in xlsx_rows(data, max_rows=max_rows, max_columns=MAX_COLUMNS)
            ]
        else:
            raise ImportRefused(_("Chỉ nhận tệp .xlsx hoặc .csv."))
    except SpreadsheetRefused as exc:
        if exc.code != "not_xlsx":
            raise ImportRefused(str(exc)) from None
        raise _unreadable() from None
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged or disguised file is simply refused
        raise _unreadable() from None
    rows = [["" if cell is None else str(cell).strip() for cell in row] for row in rows]
    if len(rows) < 2:
        raise ImportRefused(_("Tệp không có dòng dữ liệu nào (chỉ có tiêu đề hoặc trống)."))
    return rows


def _parse(rows: list[list[str]], report: ImportReport) -> list[dict]:
    header = [str(cell).strip().lower() for cell in rows[0]]
    index = {}
    for key, label in COLUMNS:
        if str(label).lower() in header:
            index[key] = header.index(str(label).lower())
    for key in ("unit_code",):
        if key not in index:
            report.add(1, str(dict(COLUMNS)[key]), _("Thiếu cột này trong dòng tiêu đề."))
            return []
    parsed, codes_in_file = [], {}
    known_codes = set(OrgUnit.objects.values_list("code", flat=True))
    for number, row in enumerate(rows[1:], start=2):
        cell = {k: (str(row[i]).strip() if i < len(row) else "") for k, i in index.items()}
        item = {"row": number, **cell}
        code = cell.get("unit_code", "")
        if not code:
            report.add(number, str(dict(COLUMNS)["unit_code"]), _("Thiếu mã đơn vị."))
            continue
        if code not in known_codes and code not in codes_in_file:
            if not cell.get("unit_name"):
                report.add(number, str(dict(COLUMNS)["unit_name"]), _("Đơn vị mới cần có tên."))
            kind = _labels(OrgUnitKind.choices).get(cell.get("unit_kind", "").lower()) or (
                cell.get("unit_kind") if cell.get("unit_kind") in OrgUnitKind.values else None
            )
            if not kind:
                report.add(number, str(dict(COLUMNS)["unit_kind"]), _("Loại đơn vị không hợp lệ."))
            parent = cell.get("parent_code", "")
            if parent and parent not in known_codes and parent not in codes_in_file:
                report.add(
                    number,
                    str(dict(COLUMNS)["parent_code"]),
                    _("Không có đơn vị cấp trên với mã này (phải ở dòng trước hoặc đã có)."),
                )
            item["kind"] = kind
            codes_in_file[code] = number
        if cell.get("full_name"):
            if not cell.get("phone") and not cell.get("email"):
                report.add(
                    number,
                    str(dict(COLUMNS)["phone"]),
                    _("Cần số điện thoại hoặc e-mail để nhận ra người học khi nhập lại."),
                )
            try:
                item["phone"] = normalize_phone(cell["phone"]) if cell.get("phone") else ""
            except ValidationError as exc:
                report.add(number, str(dict(COLUMNS)["phone"]), exc.messages[0])
            if cell.get("email"):
                try:
                    validate_email(cell["email"])
                except ValidationError:
                    report.add(number, str(dict(COLUMNS)["email"]), _("E-mail không hợp lệ."))
            audience = _labels(Audience.choices).get(cell.get("audience", "").lower()) or (
                cell.get("audience") if cell.get("audience") in Audience.values else None
            )
            if not audience:
                report.add(number, str(dict(COLUMNS)["audience"]), _("Đối tượng không hợp lệ."))
            item["audience"] = audience
            year = cell.get("birth_year", "")
            item["birth_year"] = None
            if year:
                try:
                    item["birth_year"] = int(float(year))
                    if not 1900 <= item["birth_year"] <= 2020:
                        raise ValueError
                except ValueError:
                    report.add(
                        number, str(dict(COLUMNS)["birth_year"]), _("Năm sinh không hợp lệ.")
                    )
        parsed.append(item)
    return parsed


def import_people(upload) -> ImportReport:
    """Reads, checks every row, and writes everything in one transaction only if no row has
    an error."""
    report = ImportReport()
    rows = read_rows(upload)
    items = _parse(rows, report)
    if report.error_count:
        return report
    with transaction.atomic():
        for item in items:
            unit = OrgUnit.objects.filter(code=item["unit_code"]).first()
            if unit is None:
                parent = OrgUnit.objects.filter(code=item.get("parent_code") or "").first()
                unit = unit_create(
                    name=item["unit_name"], code=item["unit_code"], kind=item["kind"], parent=parent
                )
                report.units_created += 1
            if not item.get("full_name"):
                continue
            user = None
            if item.get("phone"):
                user = User.objects.filter(phone=item["phone"]).first()
            if user is None and item.get("email"):
                user = User.objects.filter(email__iexact=item["email"]).first()
            if user is None:
                user = User(
                    username=_unique_username(item["full_name"]),
                    full_name=item["full_name"],
                    phone=item.get("phone", ""),
                    email=item.get("email", "").lower(),
                )
                user.set_unusable_password()
                user.save()
                LearnerProfile.objects.create(
                    user=user, audience=item["audience"], birth_year=item["birth_year"]
                )
                report.learners_created += 1
            if not Membership.objects.current().filter(user=user, unit=unit).exists():
                Membership.objects.create(user=user, unit=unit)
    return report
