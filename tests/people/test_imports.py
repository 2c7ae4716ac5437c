"""Import of units and learners: all or nothing, per-row report, idempotent, bad files refused."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from people.imports import import_people
from people.models import Membership, OrgUnit, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HEADER = "Mã đơn vị,Tên đơn vị,Loại đơn vị,Mã đơn vị cấp trên,Họ và tên,Số điện thoại,E-mail,Đối tượng,Năm sinh"
GOOD = "\n".join(
    [
        HEADER,
        "LPH-9,Tổ ấp Mới,Tổ công nghệ số cộng đồng,LPH,,,,,",
        "LPH-9,,,,Nguyễn Văn Bảy,0912 345 678,,Thành viên tổ công nghệ số cộng đồng,1958",
        "LPH-9,,,,Trần Thị Hoa,,hoa@example.com,Người dân,",
    ]
)


def csv_file(text, name="nguoi-hoc.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def admin_client(client, tree):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def post(client, upload):
    return client.post(reverse("people_import"), {"file": upload})


def test_good_file_imports_everything_and_twice_changes_nothing(tree):
    report = import_people(csv_file(GOOD))
    assert (report.error_count, report.units_created, report.learners_created) == (0, 1, 2)
    team = OrgUnit.objects.get(code="LPH-9")
    assert team.get_parent() == tree["a"]
    assert Membership.objects.current().filter(unit=team).count() == 2
    counts = (User.objects.count(), OrgUnit.objects.count(), Membership.objects.count())
    report = import_people(csv_file(GOOD))
    assert (report.units_created, report.learners_created) == (0, 0)
    assert (User.objects.count(), OrgUnit.objects.count(), Membership.objects.count()) == counts


def test_xlsx_with_vietnamese_headings_imports(tree):
    book = Workbook()
    for line in GOOD.splitlines():
        book.active.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_people(SimpleUploadedFile("a.xlsx", buffer.getvalue()))
    assert report.error_count == 0 and report.learners_created == 2


def test_one_bad_row_imports_nothing_and_reports_row_column_and_problem(admin_client, tree):
    bad = GOOD + "\nLPH-9,,,,Lê Văn Sáu,12345,,Người dân,"
    response = post(admin_client, csv_file(bad))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.errors == [
        (
            5,
            "Số điện thoại",
            "Số điện thoại không hợp lệ. Nhập 10 chữ số, ví dụ 0912 345 678, hoặc dạng quốc tế +84912345678.",
        )
    ]
    assert not OrgUnit.objects.filter(code="LPH-9").exists()
    assert not User.objects.filter(full_name="Nguyễn Văn Bảy").exists()


def test_ten_thousand_bad_rows_give_a_capped_report_not_a_500(admin_client, tree):
    rows = [HEADER] + [f"LPH-9,,,,Người {n},abc,,Người dân," for n in range(10_000)]
    response = post(admin_client, csv_file("\n".join(rows)))
    assert response.status_code == 200
    report = response.context["report"]
    assert report.error_count >= 10_000
    assert len(report.errors) == 200
    assert "Chỉ hiện 200 lỗi đầu tiên" in response.content.decode()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("anh.png", b"\x89PNG\r\n", "Chỉ nhận tệp .xlsx hoặc .csv."),
        ("gia.xlsx", b"day khong phai bang tinh", "Không đọc được tệp"),
        ("trong.csv", b"", "Tệp trống."),
        ("chi-tieu-de.csv", HEADER.encode(), "Tệp không có dòng dữ liệu nào"),
    ],
)
def test_files_that_are_not_usable_spreadsheets_are_refused(
    admin_client, tree, name, content, message
):
    response = post(admin_client, SimpleUploadedFile(name, content))
    assert response.status_code == 200
    assert response.context["refused"].startswith(message)
    assert OrgUnit.objects.count() == 6


def test_a_file_over_5_mb_is_refused(admin_client, tree):
    big = SimpleUploadedFile("lon.csv", b"a" * (5 * 1024 * 1024 + 1))
    response = post(admin_client, big)
    assert response.context["refused"].startswith("Tệp lớn hơn 5 MB")


def test_template_has_vietnamese_headings(admin_client):
    response = admin_client.get(reverse("people_import_template"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]][:5] == [
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại đơn vị",
        "Mã đơn vị cấp trên",
        "Họ và tên",
    ]


def test_managers_cannot_import(client, tree):
    client.force_login(UserFactory())
    assert client.get(reverse("people_import")).status_code in (302, 403)


def test_the_unit_tree_leads_to_the_import(admin_client):
    page = admin_client.get(reverse("don_vi:index")).content.decode()
    assert reverse("people_import") in page
