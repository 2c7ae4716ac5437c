"""EU DigComp 2.2: the Digital Competence Framework for Citizens.

Source: Vuorikari, R., Kluzer, S. and Punie, Y., "DigComp 2.2: The Digital Competence
Framework for Citizens", Publications Office of the European Union, Luxembourg, 2022,
JRC128415, doi:10.2760/115376.

Certain: 5 areas, 21 competences with the English titles below, 8 proficiency levels in four
bands (Foundation 1–2, Intermediate 3–4, Advanced 5–6, Highly specialised 7–8).

TO CHECK by a person: the Vietnamese names (`name`) are our own translation, aligned where
possible with the wording of Circular 02/2025/TT-BGDĐT; DigComp has no official Vietnamese
version.
"""

FRAMEWORK = {
    "code": "digcomp-2-2",
    "name": "Khung năng lực số cho công dân châu Âu (DigComp 2.2)",
    "name_en": "DigComp 2.2: The Digital Competence Framework for Citizens",
    "source": (
        "Vuorikari, R., Kluzer, S., Punie, Y. DigComp 2.2: The Digital Competence Framework "
        "for Citizens. Publications Office of the European Union, Luxembourg, 2022, JRC128415, "
        "doi:10.2760/115376."
    ),
    "source_url": "https://publications.jrc.ec.europa.eu/repository/handle/JRC128415",
    "version": "2.2",
    "is_primary": False,
}

BANDS = [
    ("Cơ bản", "Foundation"),
    ("Trung cấp", "Intermediate"),
    ("Nâng cao", "Advanced"),
    ("Chuyên sâu cao", "Highly specialised"),
]

AREAS = [
    (
        "1",
        "Hiểu biết về thông tin và dữ liệu",
        "Information and data literacy",
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
        "Giao tiếp và hợp tác",
        "Communication and collaboration",
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
                "Tích hợp và biên tập lại nội dung số",
                "Integrating and re-elaborating digital content",
            ),
            ("3.3", "Bản quyền và giấy phép", "Copyright and licences"),
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
            ("4.3", "Bảo vệ sức khỏe và an sinh", "Protecting health and well-being"),
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
            (
                "5.3",
                "Sử dụng công nghệ số một cách sáng tạo",
                "Creatively using digital technologies",
            ),
            (
                "5.4",
                "Xác định khoảng trống năng lực số",
                "Identifying digital competence gaps",
            ),
        ],
    ),
]
