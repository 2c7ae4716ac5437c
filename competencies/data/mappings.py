"""Mapping between Circular 02/2025/TT-BGDĐT and DigComp 2.2.

The first five domains of the Vietnamese framework take over DigComp 2.2's five areas and 21
competences one for one, so each pair below has the same code in both frameworks (e.g. the
Vietnamese safety competences 4.1–4.4 ↔ DigComp 4.1–4.4; online public services fall under
2.3 "Engaging in citizenship through digital technologies"). Domain 6 (applying AI) has no
single counterpart in DigComp 2.2, where AI appears only in examples across competences, so it
is not mapped.

TO CHECK by a person: that the appendix of the Circular keeps DigComp's numbering for
1.1–5.4 (if it renumbers, these pairs must follow the content, not the code).
"""

FROM_FRAMEWORK = "vn-tt02-2025"
TO_FRAMEWORK = "digcomp-2-2"

NOTES = {
    "2.3": "Bao gồm sử dụng dịch vụ công trực tuyến (Cổng Dịch vụ công, VNeID).",
    "4.1": "Bao gồm nhận biết lừa đảo trực tuyến, mật khẩu và mã OTP.",
    "4.2": "Bao gồm bảo vệ thông tin định danh điện tử và dữ liệu cá nhân.",
}

# (Vietnamese framework code, DigComp code)
PAIRS = [
    (code, code)
    for code in [
        "1.1", "1.2", "1.3",
        "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
        "3.1", "3.2", "3.3", "3.4",
        "4.1", "4.2", "4.3", "4.4",
        "5.1", "5.2", "5.3", "5.4",
    ]
]  # fmt: skip
