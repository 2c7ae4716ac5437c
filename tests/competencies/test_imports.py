"""Framework import: a downloaded framework re-imports unchanged, corrections update in place,
a broken row imports nothing and is reported by row and column."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from competencies.imports import COLUMNS, framework_import, framework_xlsx
from competencies.models import Area, Competence, Framework
from tests.factories import UserFactory, question_create

pytestmark = pytest.mark.django_db

HEADER = [label for _, label in COLUMNS]


def xlsx_file(rows, name="khung.xlsx"):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def rows_of(data: bytes) -> list[list]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def primary():
    return Framework.objects.get(is_primary=True)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_a_downloaded_framework_imports_back_unchanged(primary):
    rows = rows_of(framework_xlsx(primary))
    assert rows[0] == HEADER
    assert len(rows) - 1 == Competence.objects.of_framework(primary).count() == 24
    report = framework_import(xlsx_file(rows))
    assert (report.error_count, report.areas_created, report.competences_created) == (0, 0, 0)
    assert report.competences_updated == 0


def test_a_corrected_name_updates_the_competence_and_keeps_its_questions(primary):
    rows = rows_of(framework_xlsx(primary))
    code = rows[1][4]
    competence = Competence.objects.get(area__framework=primary, code=code)
    question = question_create(competence=competence, level=1)
    rows[1][5] = "Tên đã sửa theo phụ lục Thông tư"
    report = framework_import(xlsx_file(rows))
    assert (report.error_count, report.competences_updated) == (0, 1)
    competence.refresh_from_db()
    assert competence.name == "Tên đã sửa theo phụ lục Thông tư"
    question.refresh_from_db()
    assert question.competence_id == competence.pk


def test_new_areas_and_competences_are_added_to_an_existing_framework(primary):
    rows = [
        HEADER,
        [primary.code, "7", "Miền thử nghiệm", "Trial area", "7.1", "Năng lực một", "", ""],
        [primary.code, "7", "Miền thử nghiệm", "Trial area", "7.2", "Năng lực hai", "", "Mô tả"],
    ]
    report = framework_import(xlsx_file(rows))
    assert (report.error_count, report.areas_created, report.competences_created) == (0, 1, 2)
    area = Area.objects.get(framework=primary, code="7")
    assert list(area.competences.values_list("code", flat=True)) == ["7.1", "7.2"]
    assert framework_import(xlsx_file(rows)).competences_created == 0


def test_one_broken_row_imports_nothing_and_each_problem_is_reported(primary):
    before = (Area.objects.count(), Competence.objects.count())
    rows = [
        HEADER,
        [primary.code, "7", "Miền mới", "", "7.1", "Đúng", "", ""],
        [primary.code, "7", "Miền mới", "", "8.1", "Mã sai miền", "", ""],
        ["khong-co-khung", "1", "Miền", "", "1.1", "Khung lạ", "", ""],
        [primary.code, "7", "Miền mới", "", "7.1", "Trùng mã", "", ""],
        [primary.code, "7", "Tên miền khác", "", "7.3", "", "", ""],
    ]
    report = framework_import(xlsx_file(rows))
    problems = {(row, column) for row, column, _ in report.errors}
    assert problems == {
        (3, "Mã năng lực"),
        (4, "Mã khung"),
        (5, "Mã năng lực"),
        (6, "Tên năng lực"),
        (6, "Tên miền"),
    }
    assert (Area.objects.count(), Competence.objects.count()) == before


def test_a_file_without_the_required_headings_is_reported_on_row_one():
    report = framework_import(xlsx_file([["Mã khung", "Tên"], ["a", "b"]]))
    assert {column for _, column, _ in report.errors} >= {"Mã miền", "Mã năng lực"}
    assert {row for row, _, _ in report.errors} == {1}


def test_the_admin_screen_imports_and_reports_and_refuses_other_files(admin_client, primary):
    url = reverse("competencies_framework_import")
    page = admin_client.get(url).content.decode()
    assert reverse("competencies_framework_export", args=[primary.pk]) in page
    bad = xlsx_file([HEADER, [primary.code, "7", "Miền", "", "8.1", "Sai", "", ""]])
    page = admin_client.post(url, {"file": bad}).content.decode()
    assert "Không nhập gì cả: có 1 lỗi." in page and "Mã năng lực phải bắt đầu" in page
    renamed = SimpleUploadedFile("khung.xlsx", b"<html><script>alert(1)</script></html>")
    page = admin_client.post(url, {"file": renamed}).content.decode()
    assert "Không đọc được tệp" in page
    good = xlsx_file([HEADER, [primary.code, "7", "Miền", "", "7.1", "Mới", "", ""]])
    response = admin_client.post(url, {"file": good}, follow=True)
    assert "1 năng lực mới" in response.content.decode()


def test_the_framework_list_leads_to_the_import_and_the_download(admin_client, primary):
    page = admin_client.get(reverse("khung_nang_luc:index")).content.decode()
    assert reverse("competencies_framework_import") in page
    response = admin_client.get(reverse("competencies_framework_export", args=[primary.pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert rows_of(response.content)[0] == HEADER


def test_someone_without_framework_permissions_cannot_import_or_download(client, primary):
    client.force_login(UserFactory(is_staff=True))
    for url in (
        reverse("competencies_framework_import"),
        reverse("competencies_framework_export", args=[primary.pk]),
    ):
        assert client.get(url).status_code in (302, 403)
