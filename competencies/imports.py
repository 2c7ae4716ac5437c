"""Framework import and export as a spreadsheet: all or nothing, a per-row report.

The workflow it serves: download a framework as .xlsx, correct names against the published
text (or add a framework's areas and competences), upload it again. Rows are matched by
(framework code, area code) and (area, competence code), so importing the same file twice
changes nothing, and competences keep their questions, courses and evidence.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from lms.exports import xlsx_bytes
from people.imports import MAX_REPORTED, ImportRefused, read_rows

from .models import Area, Competence, Framework

# Headings are always Vietnamese, whatever the language of the admin.
COLUMNS = [
    ("framework", "Mã khung"),
    ("area_code", "Mã miền"),
    ("area_name", "Tên miền"),
    ("area_name_en", "Tên miền (tiếng Anh)"),
    ("code", "Mã năng lực"),
    ("name", "Tên năng lực"),
    ("name_en", "Tên năng lực (tiếng Anh)"),
    ("description", "Mô tả"),
]
REQUIRED = ("framework", "area_code", "area_name", "code", "name")
MAX_LENGTHS = {"area_code": 10, "area_name": 200, "area_name_en": 200, "code": 10}
MAX_LENGTHS |= {"name": 255, "name_en": 255}

__all__ = ["ImportRefused", "framework_import", "framework_xlsx"]


@dataclass
class FrameworkImportReport:
    errors: list = field(default_factory=list)  # (row, column, message)
    error_count: int = 0
    areas_created: int = 0
    competences_created: int = 0
    competences_updated: int = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((row, column, message))


def framework_xlsx(framework: Framework) -> bytes:
    """The framework's areas and competences in the import format, ready to correct."""
    competences = Competence.objects.of_framework(framework).select_related("area").ordered()
    rows = [[str(label) for _, label in COLUMNS]]
    for competence in competences:
        area = competence.area
        rows.append(
            [
                framework.code,
                area.code,
                area.name,
                area.name_en,
                competence.code,
                competence.name,
                competence.name_en,
                competence.description,
            ]
        )
    return xlsx_bytes({framework.code: rows})


def _parse(rows: list[list[str]], report: FrameworkImportReport) -> list[dict]:
    labels = dict(COLUMNS)
    header = [str(cell).strip().lower() for cell in rows[0]]
    index = {key: header.index(label.lower()) for key, label in COLUMNS if label.lower() in header}
    missing = [labels[key] for key in REQUIRED if key not in index]
    for label in missing:
        report.add(1, label, _("Thiếu cột này trong dòng tiêu đề."))
    if missing:
        return []
    frameworks = set(Framework.objects.values_list("code", flat=True))
    seen: dict[tuple[str, str], int] = {}
    area_names: dict[tuple[str, str], str] = {}
    items = []
    for number, row in enumerate(rows[1:], start=2):
        cell = {k: (str(row[i]).strip() if i < len(row) else "") for k, i in index.items()}
        for key in REQUIRED:
            if not cell.get(key):
                report.add(number, labels[key], _("Ô này không được để trống."))
        for key, limit in MAX_LENGTHS.items():
            if len(cell.get(key, "")) > limit:
                report.add(number, labels[key], _("Dài quá %(limit)s ký tự.") % {"limit": limit})
        framework, area_code, code = cell.get("framework"), cell.get("area_code"), cell.get("code")
        if framework and framework not in frameworks:
            report.add(
                number,
                labels["framework"],
                _("Không có khung năng lực với mã “%(code)s”. Hãy tạo khung trước.")
                % {"code": framework},
            )
        if area_code and code and not code.startswith(f"{area_code}."):
            report.add(
                number,
                labels["code"],
                _("Mã năng lực phải bắt đầu bằng mã miền “%(area)s.”.") % {"area": area_code},
            )
        if framework and code:
            if (framework, code) in seen:
                report.add(
                    number,
                    labels["code"],
                    _("Trùng mã năng lực với dòng %(row)s.") % {"row": seen[(framework, code)]},
                )
            seen.setdefault((framework, code), number)
        area_key = (framework, area_code)
        if area_code and cell.get("area_name"):
            first = area_names.setdefault(area_key, cell["area_name"])
            if first != cell["area_name"]:
                report.add(
                    number,
                    labels["area_name"],
                    _("Cùng mã miền nhưng khác tên với dòng trước: “%(name)s”.") % {"name": first},
                )
        items.append({"row": number, **cell})
    return items


def framework_import(upload) -> FrameworkImportReport:
    """Checks every row; writes areas and competences in one transaction only if none is wrong."""
    report = FrameworkImportReport()
    items = _parse(read_rows(upload), report)
    if report.error_count:
        return report
    with transaction.atomic():
        frameworks = {
            f.code: f for f in Framework.objects.filter(code__in={i["framework"] for i in items})
        }
        areas: dict[tuple[int, str], Area] = {
            (a.framework_id, a.code): a
            for a in Area.objects.filter(framework__in=frameworks.values())
        }
        for order, item in enumerate(items):
            framework = frameworks[item["framework"]]
            area = areas.get((framework.pk, item["area_code"]))
            if area is None:
                area = Area.objects.create(
                    framework=framework,
                    code=item["area_code"],
                    name=item["area_name"],
                    name_en=item.get("area_name_en", ""),
                    order=len([k for k in areas if k[0] == framework.pk]) + 1,
                )
                areas[(framework.pk, area.code)] = area
                report.areas_created += 1
            elif (area.name, area.name_en) != (
                item["area_name"],
                item.get("area_name_en", area.name_en),
            ):
                area.name = item["area_name"]
                area.name_en = item.get("area_name_en", area.name_en)
                area.save(update_fields=["name", "name_en"])
            report_field = _competence_upsert(area, item, order)
            if report_field:
                setattr(report, report_field, getattr(report, report_field) + 1)
    return report


def _competence_upsert(area: Area, item: dict, order: int) -> str | None:
    """Creates or updates one competence; says which counter it moved, if any."""
    values = {"name": item["name"]}
    for key in ("name_en", "description"):
        if key in item:
            values[key] = item[key]
    competence = Competence.objects.filter(
        area__framework=area.framework, code=item["code"]
    ).first()
    if competence is None:
        Competence.objects.create(area=area, code=item["code"], order=order, **values)
        return "competences_created"
    values["area"] = area
    changed = [key for key, value in values.items() if getattr(competence, key) != value]
    if not changed:
        return None
    for key in changed:
        setattr(competence, key, values[key])
    competence.save(update_fields=changed)
    return "competences_updated"
