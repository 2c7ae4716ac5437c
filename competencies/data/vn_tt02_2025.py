"""Vietnam's digital-competence framework for learners.

Source: Thông tư 02/2025/TT-BGDĐT of the Ministry of Education and Training, 24 January 2025,
in force 11 March 2025 ("Quy định Khung năng lực số cho người học"), its appendix.

Certain (stated in the Circular's own articles and in the Ministry's announcements): the six
domains and their order, 24 component competences, 4 levels in 8 steps (Cơ bản 1–2,
Trung cấp 3–4, Nâng cao 5–6, Chuyên sâu 7–8).

TO CHECK by a person against the appendix of the Circular (written without access to it):
- the exact wording of every competence name below (they follow the DigComp 2.2 structure
  that the first five domains adopt; most likely to differ: 1.1, 2.1, 3.2 "Tích hợp và tạo
  lập lại nội dung số", 3.3 "Thực thi bản quyền và giấy phép", 5.3 "Sử dụng sáng tạo thiết bị
  số", 5.4 "Xác định các vấn đề cần cải thiện về năng lực số", and the three AI competences
  6.1–6.3);
- how the 24 are split between domains (assumed 3 + 6 + 4 + 4 + 4 + 3);
- the exact level wording ("trình độ" Cơ bản/Trung cấp/Nâng cao/Chuyên sâu, "bậc" 1–8);
- every English name here (`*_en`) is our own translation, not an official one.
"""

FRAMEWORK = {
    "code": "vn-tt02-2025",
    "name": "Khung năng lực số cho người học",
    "name_en": "Digital competence framework for learners (Viet Nam)",
    "source": (
        "Thông tư 02/2025/TT-BGDĐT ngày 24/01/2025 của Bộ trưởng Bộ Giáo dục và Đào tạo "
        "quy định Khung năng lực số cho người học (hiệu lực từ 11/03/2025)."
    ),
    "version": "02/2025/TT-BGDĐT",
    "is_primary": True,
}

# (band, band_en) for steps 1–2, 3–4, 5–6, 7–8
BANDS = [
    ("Cơ bản", "Basic"),
    ("Trung cấp", "Intermediate"),
    ("Nâng cao", "Advanced"),
    ("Chuyên sâu", "Specialised"),
]

# (code, name, name_en, [(code, name, name_en), …])
AREAS = [
    (
        "1",
        "Khai thác dữ liệu và thông tin",
        "Data and information literacy",
        [
            (
                "1.1",
                "Duyệt, tìm kiếm và lọc dữ liệu, thông tin và nội dung số",
                "Browsing, searching and filtering data, information and digital content",
            ),
            (
                "1.2",
                "Đánh giá dữ liệu, thông tin và nội dung số",
                "Evaluating data, information and digital content",
            ),
            (
                "1.3",
                "Quản lý dữ liệu, thông tin và nội dung số",
                "Managing data, information and digital content",
            ),
        ],
    ),
    (
        "2",
        "Giao tiếp và hợp tác trong môi trường số",
        "Communication and collaboration in the digital environment",
        [
            ("2.1", "Tương tác thông qua công nghệ số", "Interacting through digital technologies"),
            ("2.2", "Chia sẻ thông qua công nghệ số", "Sharing through digital technologies"),
            (
                "2.3",
                "Tham gia với tư cách công dân thông qua công nghệ số",
                "Engaging in citizenship through digital technologies",
            ),
            ("2.4", "Hợp tác thông qua công nghệ số", "Collaborating through digital technologies"),
            ("2.5", "Quy tắc ứng xử trên mạng", "Netiquette"),
            ("2.6", "Quản lý danh tính số", "Managing digital identity"),
        ],
    ),
    (
        "3",
        "Sáng tạo nội dung số",
        "Digital content creation",
        [
            ("3.1", "Phát triển nội dung số", "Developing digital content"),
            (
                "3.2",
                "Tích hợp và tạo lập lại nội dung số",
                "Integrating and re-elaborating digital content",
            ),
            ("3.3", "Thực thi bản quyền và giấy phép", "Copyright and licences"),
            ("3.4", "Lập trình", "Programming"),
        ],
    ),
    (
        "4",
        "An toàn",
        "Safety",
        [
            ("4.1", "Bảo vệ thiết bị", "Protecting devices"),
            (
                "4.2",
                "Bảo vệ dữ liệu cá nhân và quyền riêng tư",
                "Protecting personal data and privacy",
            ),
            ("4.3", "Bảo vệ sức khỏe và an sinh số", "Protecting health and digital well-being"),
            ("4.4", "Bảo vệ môi trường", "Protecting the environment"),
        ],
    ),
    (
        "5",
        "Giải quyết vấn đề",
        "Problem solving",
        [
            ("5.1", "Giải quyết các vấn đề kỹ thuật", "Solving technical problems"),
            (
                "5.2",
                "Xác định nhu cầu và giải pháp công nghệ",
                "Identifying needs and technological responses",
            ),
            ("5.3", "Sử dụng sáng tạo thiết bị số", "Creatively using digital technologies"),
            (
                "5.4",
                "Xác định các vấn đề cần cải thiện về năng lực số",
                "Identifying digital competence gaps",
            ),
        ],
    ),
    (
        "6",
        "Ứng dụng trí tuệ nhân tạo",
        "Applying artificial intelligence",
        [
            ("6.1", "Hiểu biết về trí tuệ nhân tạo", "Understanding artificial intelligence"),
            ("6.2", "Sử dụng trí tuệ nhân tạo", "Using artificial intelligence"),
            ("6.3", "Đánh giá trí tuệ nhân tạo", "Evaluating artificial intelligence"),
        ],
    ),
]
