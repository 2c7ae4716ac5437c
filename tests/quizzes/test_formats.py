"""The GIFT and Moodle XML readers against the cases of Moodle's own format tests
(question/format/gift/tests and question/format/xml/tests), on our own fixture files."""

import pathlib
from decimal import Decimal

import pytest

from quizzes.formats import read_gift, read_upload
from quizzes.formats.gift import comment_fields
from quizzes.grading import grade, spec_for

FIXTURES = pathlib.Path(__file__).parent / "fixtures"


def read(name: str):
    path = FIXTURES / name
    return read_upload(path.read_bytes(), path.name)


def only(name: str, index: int = 0) -> dict:
    reading = read(name)
    assert not reading.fatal
    return reading.items[index].draft


def graded(draft: dict, answer) -> Decimal:
    """Grade a draft as a quiz would, the choices' ids being their positions."""
    rows = [
        (i, i, c["is_correct"], c["text"], c["match"], c["fraction"], c["tolerance"])
        for i, c in enumerate(draft["choices"])
    ]
    spec = spec_for(
        kind=draft["type"],
        choices=rows,
        numeric_answer=draft["numeric_answer"],
        tolerance=draft["numeric_tolerance"],
        ignore_diacritics=False,
        regions=[],
    )
    return grade(spec, answer)


# --- GIFT ----------------------------------------------------------------------------------
def test_gift_essay_is_a_draft_with_its_tags_idnumber_and_source():
    reading = read("gift/tu_luan.gift")
    essay = reading.items[0].draft
    assert essay["type"] == "essay" and essay["status"] == "draft"
    assert essay["draft_reason"].startswith("Câu tự luận")
    assert essay["tags"] == ["tu-luan", "an-toan"] and essay["idnumber"] == "TL-01"
    assert "{}" in essay["source"]


def test_gift_backslashes_are_unescaped_once():
    draft = only("gift/tu_luan.gift", 1)
    assert "C:\\Tai lieu\\\\mau" in draft["text"]


def test_gift_html_with_escaped_braces_keeps_the_braces():
    draft = only("gift/tu_luan.gift", 2)
    assert "{" in draft["text"] and "}" in draft["text"] and "\\{" not in draft["text"]


def test_gift_matching_reads_each_side_in_its_own_format():
    draft = only("gift/ghep_cap.gift")
    assert draft["type"] == "matching"
    assert draft["text"] == "Ghép <b>ứng dụng</b> với công dụng của nó."
    assert [(c["text"], c["match"]) for c in draft["choices"]][:2] == [
        ("Ứng dụng định danh điện tử của Bộ Công an.", "VNeID"),
        ("Cổng nộp hồ sơ thủ tục hành chính trực tuyến.", "Cổng DVC"),
    ]


def test_gift_single_choice_keeps_per_answer_feedback_and_formats():
    draft = only("gift/mot_lua_chon.gift")
    assert draft["type"] == "single"
    assert draft["text"] == "<p>What's the safest place to keep an OTP code?</p>"
    assert [c["feedback"] for c in draft["choices"]] == [
        "Đúng; rất tốt!",
        "Sai, không bao giờ gửi mã OTP",
        "Sai, ai cũng đọc được",
    ]
    assert [c["is_correct"] for c in draft["choices"]] == [True, False, False]


def test_gift_multiple_response_keeps_partial_credit():
    draft = only("gift/nhieu_lua_chon.gift")
    assert draft["type"] == "multiple"
    assert [c["fraction"] for c in draft["choices"]] == [None, Decimal(-1), None, Decimal(-1)]
    assert graded(draft, [0]) == Decimal("0.5")
    assert graded(draft, [0, 2]) == 1
    assert graded(draft, [0, 1]) == 0


def test_gift_multiple_response_tricky_weights():
    draft = only("gift/nhieu_lua_chon.gift", 1)
    assert [c["fraction"] for c in draft["choices"]] == [None, Decimal("-0.5"), Decimal("-0.5")]
    assert graded(draft, [0, 1]) == Decimal("0.5")


def test_gift_numeric_tolerance_and_wrong_answer_feedback():
    draft = only("gift/so.gift")
    assert draft["numeric_answer"] == 6 and draft["numeric_tolerance"] == 2
    assert [c["text"] for c in draft["choices"]] == ["6", "*"]
    assert draft["choices"][1]["feedback"] == "Sai hoàn toàn"
    assert graded(draft, "4") == 1 and graded(draft, "8.5") == 0


def test_gift_numeric_range_and_several_answers_with_partial_credit():
    assert (
        only("gift/so.gift", 1)["numeric_answer"],
        only("gift/so.gift", 1)["numeric_tolerance"],
    ) == (7, 1)
    draft = only("gift/so.gift", 2)
    assert graded(draft, "10") == 1 and graded(draft, "8.5") == Decimal("0.5")
    assert graded(draft, "3") == 0


def test_gift_short_answer_zero_percent_is_a_wrong_answer_never_an_accepted_one():
    draft = only("gift/tra_loi_ngan.gift")
    assert [(c["text"], c["is_correct"], c["fraction"]) for c in draft["choices"]] == [
        ("OTP", True, None),
        ("mã OTP", True, Decimal("0.5")),
        ("*", False, Decimal(0)),
    ]
    assert graded(draft, "otp") == 1
    assert graded(draft, "Mã OTP") == Decimal("0.5")
    assert graded(draft, "mật khẩu") == 0
    second = only("gift/tra_loi_ngan.gift", 1)
    assert graded(second, "VNID") == 0
    assert second["feedback"] == "Tải VNeID từ kho ứng dụng chính thức."


def test_gift_true_false_feedback_goes_to_the_wrong_and_the_right_answer():
    draft = only("gift/dung_sai.gift")
    true, false = draft["choices"]
    assert (true["is_correct"], false["is_correct"]) == (False, True)
    assert true["feedback"] == "Không, ngân hàng không bao giờ hỏi mã OTP."
    assert false["feedback"] == "Bạn đã trả lời đúng."
    assert draft["penalty"] == 1
    for index in (1, 2):
        assert only("gift/dung_sai.gift", index)["choices"][0]["is_correct"] is True


def test_gift_categories_descriptions_and_missing_word():
    reading = read("gift/nhom_va_mo_ta.gift")
    description, missing, fraud = reading.drafts
    assert description["type"] == "description" and description["status"] == "draft"
    assert description["category"] == ["An toàn thông tin", "Mật khẩu"]
    assert missing["text"] == "<p>Không bao giờ đưa _____ cho người lạ.</p>"
    assert fraud["category"] == ["An toàn thông tin", "Lừa đảo"]
    assert (fraud["idnumber"], fraud["tags"]) == ("LD-01", ["lua-dao"])


@pytest.mark.parametrize(
    ("comment", "idnumber", "tags"),
    [
        ("", "", []),
        ("// Một ghi chú bình thường.", "", []),
        ("// Ghi chú có [id:ech] <-- một mã.", "ech", []),
        ("// Nhãn: [tag:ech] [tag:coc].", "", ["ech", "coc"]),
        ("// [tag:cong] [tag:co-ban] [id:bon]", "bon", ["cong", "co-ban"]),
        (
            "// [tag:  co-ban] Đây là  \n// một [id:   bon   ] câu[tag:cong   ]hỏi.",
            "bon",
            ["co-ban", "cong"],
        ),
        ("// Không phải [tag:\n\\ ech].", "", []),
        ("// [id:m\\]a].", "m]a", []),
        ("// [tag:n\\]han].", "", ["n]han"]),
    ],
)
def test_gift_idnumber_and_tags_from_comments(comment, idnumber, tags):
    assert comment_fields(comment) == (idnumber, tags)


def test_gift_encodings_utf8_bom_and_windows_1252_with_a_warning():
    bom = read("gift/utf8_bom.gift")
    assert bom.warnings == [] and bom.drafts[0]["text"].startswith("<p>Chữ ký số")
    legacy = read("gift/windows_1252.gift")
    assert "Windows-1252" in legacy.warnings[0]
    assert legacy.drafts[0]["name"] == "Café"
    assert legacy.drafts[0]["choices"][0]["text"] == "naïve"


def test_gift_braces_without_answer_section_are_an_error_for_that_item_only():
    reading = read_gift("::A:: Câu {=a ~b\n\n::B:: Câu {=a ~b}")
    assert [item.problem != "" for item in reading.items] == [True, False]


# --- Moodle XML ----------------------------------------------------------------------------
def test_xml_description_and_essays_are_drafts_that_keep_their_xml():
    reading = read("xml/mo_ta_tu_luan.xml")
    kinds = [(d["type"], d["status"]) for d in reading.drafts]
    assert kinds == [("description", "draft"), ("essay", "draft"), ("essay", "draft")]
    assert reading.drafts[0]["tags"] == ["mo-ta", "chu-ky-so"]
    assert "<graderinfo" in reading.drafts[2]["source"]


def test_xml_matching_with_tags_and_html_subquestions():
    draft = only("xml/ghep_cap.xml")
    assert [(c["text"], c["match"]) for c in draft["choices"]][1] == (
        "Cổng DVC quốc gia",
        "Văn phòng Chính phủ",
    )
    assert draft["feedback"] == "VNeID -> Bộ Công an, Cổng DVC -> Văn phòng Chính phủ."
    assert draft["tags"] == ["ghep-cap", "kiem-thu"] and draft["penalty"] == Decimal("0.3333333")


def test_xml_multichoice_multiple_and_formats():
    reading = read("xml/nhieu_lua_chon.xml")
    even, password = reading.drafts
    assert even["type"] == "multiple" and even["points"] == 2
    assert graded(even, [1]) == Decimal("0.5") and graded(even, [1, 3]) == 1
    assert password["type"] == "single" and password["idnumber"] == "MK-01"
    assert password["text"] == "<p>Chọn <strong>mật khẩu mạnh</strong> nhất</p>"
    assert password["feedback"] == "Dài & khó đoán, không dùng <tên>."
    assert password["choices"][0]["text"] == "T0i-la-Lan!2026"
    assert password["choices"][0]["feedback"] == "Rất tốt"
    assert graded(password, 1) == Decimal("0.3333333").quantize(Decimal("0.0001"))


def test_xml_numerical_with_several_answers_and_a_wildcard():
    draft = only("xml/so.xml")
    assert draft["numeric_answer"] == 6 and draft["numeric_tolerance"] == Decimal("0.001")
    assert [c["text"] for c in draft["choices"]] == ["6", "4", "*"]
    assert draft["penalty"] == Decimal("0.1")
    assert graded(draft, "6") == 1 and graded(draft, "4.5") == 0


def test_xml_shortanswer_wildcard_is_wrong_with_feedback():
    draft = only("xml/tra_loi_ngan.xml")
    assert graded(draft, "số") == 1 and graded(draft, "điện tử") == Decimal("0.8")
    assert graded(draft, "gì đó") == 0


def test_xml_truefalse_feedback_and_an_idnumber_with_html_characters():
    first, second = read("xml/dung_sai.xml").drafts
    assert [c["feedback"] for c in first["choices"]] == ["Giỏi lắm!", "Chưa đúng!"]
    assert second["idnumber"] == "DS & <02>"
    assert [c["is_correct"] for c in second["choices"]] == [False, True]


def test_xml_cloze_is_a_draft_and_the_question_beside_it_imports():
    reading = read("xml/dien_khuyet.xml")
    cloze, truefalse = reading.drafts
    assert cloze["type"] == "cloze" and cloze["status"] == "draft"
    assert "{1:SHORTANSWER:" in cloze["text"]
    assert truefalse["status"] == "ready"


def test_xml_base64_image_becomes_the_question_image():
    draft = only("xml/tep_dinh_kem.xml")
    assert draft["image"]["name"] == "bieu-tuong.png"
    assert draft["image"]["content"].startswith(b"\x89PNG")
    assert draft["image"]["alt"] == "Biểu tượng đỏ"
    assert "@@PLUGINFILE@@" not in draft["text"] and "<img" not in draft["text"]


def test_xml_nested_categories():
    reading = read("xml/nhom_long_nhau.xml")
    assert [d["category"] for d in reading.drafts] == [
        ["Dịch vụ công"],
        ["Dịch vụ công", "Thanh toán"],
        ["Dịch vụ công", "Hồ sơ"],
    ]


def test_xml_invalid_grade_skips_that_question_only():
    reading = read("xml/diem_sai.xml")
    assert "33" in reading.items[0].problem and reading.items[1].draft is not None


def test_xml_defaultgrade_with_seven_decimals_is_normalised():
    assert only("xml/dung_sai.xml")["points"] == Decimal("1.00")


def test_xml_windows_1252_declared_or_not():
    assert read("xml/windows_1252.xml").drafts[0]["name"] == "Café"
    mislabelled = read("xml/windows_1252_khai_sai.xml")
    assert "Windows-1252" in mislabelled.warnings[0]
    assert "“quotes”" in mislabelled.drafts[0]["text"]


@pytest.mark.parametrize(
    "answer",
    ["#1e999999..1e999999", "#1e999999:1", "#6:1e999999", "#NaN", "#-Infinity", "~%1000%a =b"],
)
def test_gift_numbers_out_of_range_skip_the_item_with_a_reason(answer):
    reading = read_gift(f"::S:: Số? {{{answer}}}")
    assert reading.items[0].draft is None and reading.items[0].problem
