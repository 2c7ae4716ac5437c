"""Import from GIFT, Moodle XML and .xlsx: errors per item, a preview, then the good items in
one transaction; export back."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from quizzes.exports import questions_to_gift, questions_to_xlsx
from quizzes.imports import parse_gift, parse_moodle_xml, parse_xlsx
from quizzes.models import Question
from tests.factories import UserFactory

GIFT = """// Bộ câu hỏi an toàn thông tin
::Q1:: Mã OTP có được đưa cho người khác không? {~Có =Không#Đúng vậy ####Không bao giờ.}

::Q2:: VNeID là ứng dụng định danh điện tử. {T}

::Q3:: Mã OTP thường có mấy chữ số? {#6:0}

::Q4:: Viết tắt của mã dùng một lần? {=OTP =mã OTP}

::Q5:: Dấu hiệu lừa đảo? {~%50%Hối thúc ~%50%Link lạ ~%-100%Tổng đài chính thức}

::Q6:: Ghép tên với công dụng {=VNeID -> Định danh =OTP -> Mã dùng một lần}
"""

MOODLE_XML = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/An toan</text></category></question>
  <question type="multichoice">
    <name><text>Q1</text></name>
    <questiontext format="html"><text><![CDATA[<p>Chọn <b>mật khẩu mạnh</b></p>]]></text></questiontext>
    <generalfeedback><text>Dài và khó đoán.</text></generalfeedback>
    <defaultgrade>2</defaultgrade>
    <single>true</single>
    <answer fraction="100"><text>T0i-la-Lan!2026</text></answer>
    <answer fraction="0"><text>123456</text><feedback><text>Quá dễ đoán.</text></feedback></answer>
  </question>
  <question type="truefalse">
    <questiontext><text>Ngân hàng gọi điện xin mã OTP là lừa đảo.</text></questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
  <question type="numerical">
    <questiontext><text>2 + 2 = ?</text></questiontext>
    <answer fraction="100"><text>4</text><tolerance>0</tolerance></answer>
  </question>
</quiz>""".encode()


def workbook(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "loai",
            "noi_dung",
            "diem",
            "phuong_an_1",
            "phuong_an_2",
            "phuong_an_3",
            "phuong_an_4",
            "phuong_an_5",
            "phuong_an_6",
            "dap_an",
            "sai_so",
            "giai_thich",
        ]
    )
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_gift_reads_every_supported_type():
    drafts, errors = parse_gift(GIFT)
    assert errors == []
    assert [d["type"] for d in drafts] == [
        "single",
        "true_false",
        "numeric",
        "short_text",
        "multiple",
        "matching",
    ]
    assert drafts[0]["feedback"] == "Không bao giờ."
    assert [c["is_correct"] for c in drafts[4]["choices"]] == [True, True, False]
    # −100% is more than the rule's −1/2 for a wrong choice of two right ones: kept
    assert [c["fraction"] for c in drafts[4]["choices"]] == [None, None, -1]
    assert drafts[5]["choices"][0] == {
        "text": "VNeID",
        "feedback": "",
        "match": "Định danh",
        "is_correct": True,
        "fraction": None,
        "tolerance": None,
    }


def test_gift_errors_name_the_item_and_what_is_wrong():
    drafts, errors = parse_gift("Câu thiếu ngoặc {=Có ~Không\n\nCâu đúng {=A ~B}\n\n{=A ~B}")
    assert [number for number, _message in errors] == [1, 3]
    assert "{ }" in errors[0][1]
    assert "nội dung" in errors[1][1]
    assert len(drafts) == 1


def test_moodle_xml_reads_choice_true_false_and_numeric():
    drafts, errors = parse_moodle_xml(MOODLE_XML)
    assert errors == []
    assert [d["type"] for d in drafts] == ["single", "true_false", "numeric"]
    assert drafts[0]["points"] == 2
    assert "<b>mật khẩu mạnh</b>" in drafts[0]["text"]


def test_moodle_xml_refuses_hostile_or_broken_xml():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><quiz>&a;</quiz>'
    assert parse_moodle_xml(bomb)[1]
    assert parse_moodle_xml(b"not xml")[1]


def test_xlsx_template_imports_cleanly_and_bad_rows_are_reported():
    drafts, errors = parse_xlsx(questions_to_xlsx([]))
    assert errors == []
    assert len(drafts) == 7
    bad = workbook(
        [
            ["single", "Câu 1", 1, "A", "B", "", "", "", "", "3", "", ""],
            ["essay", "Câu 2", 1, "", "", "", "", "", "", "", "", ""],
            ["numeric", "Câu 3", 1, "", "", "", "", "", "", "sáu", "", ""],
        ]
    )
    _drafts, errors = parse_xlsx(bad)
    assert [number for number, _message in errors] == [2, 3, 4]


def _upload(client, category, name: str, content: bytes):
    return client.post(
        reverse("quizzes_admin:import"),
        {"category": category.pk, "file": SimpleUploadedFile(name, content)},
    )


def _confirm(client, category, response):
    token = response.context["token"]
    return client.post(
        reverse("quizzes_admin:import"),
        {"action": "import", "token": token, "category": category.pk},
    )


@pytest.mark.django_db
def test_a_bad_item_is_skipped_with_its_reason_and_the_good_ones_import(client, category):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    content = (GIFT + "\n\n::Hỏng:: Câu hỏng {=A ~B\n").encode()
    preview = _upload(client, category, "cau-hoi.gift", content)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Hỏng" in page and "cần đúng một cặp dấu { } chứa đáp án" in page
    assert "Nhập 6 câu hỏi hợp lệ" in page
    assert Question.objects.count() == 0  # the preview writes nothing
    response = _confirm(client, category, preview)
    assert response.status_code == 302
    assert Question.objects.filter(category=category).count() == 6


@pytest.mark.django_db
def test_import_then_export_round_trips_through_gift_and_xlsx(client, category):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    preview = _upload(client, category, "cau-hoi.gift", GIFT.encode())
    assert _confirm(client, category, preview).status_code == 302
    questions = list(Question.objects.filter(category=category).prefetch_related("choices"))
    assert len(questions) == 6
    drafts, errors = parse_gift(questions_to_gift(questions))
    assert errors == [] and len(drafts) == 6
    drafts, errors = parse_xlsx(questions_to_xlsx(questions))
    assert errors == [] and [d["type"] for d in drafts] == [q.type for q in questions]
    for fmt in ("gift", "xml", "xlsx"):
        export = client.get(reverse("quizzes_admin:export", args=[category.pk, fmt]))
        assert export.status_code == 200
        assert "attachment" in export["Content-Disposition"]
    assert client.get(reverse("quizzes_admin:template")).status_code == 200


@pytest.mark.django_db
def test_import_refuses_a_file_of_another_type(client, category):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.post(
        reverse("quizzes_admin:import"),
        {"category": category.pk, "file": SimpleUploadedFile("anh.png", b"\x89PNG")},
    )
    assert response.status_code == 400
    assert Question.objects.count() == 0
