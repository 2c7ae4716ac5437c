"""The demo quizzes: ten or more real questions in Vietnamese at the end of each demo course.

Each question: (type, text, choices, extra). Choices are (text, correct) pairs; for matching,
(left, right); for ordering, the items in the correct order; for short text, accepted answers.
`extra` may carry numeric answer/tolerance, a competence code of Circular 02/2025 and a level,
feedback, and for a hotspot the phone screen to draw and the rectangle of its button.
"""

# The button that phone_screen() draws: x 40–320 of 360 px, y 450–506 of 640 px (in %).
BUTTON_REGION = {"left": 11, "top": 70, "width": 78, "height": 10}

QUIZZES = {
    "chu-ky-so-chuyen-dung": {
        "title": "Kiểm tra: chữ ký số chuyên dùng",
        "slug": "kiem-tra-chu-ky-so",
        "category": "Chữ ký số chuyên dùng",
        "time_limit_minutes": 20,
        "questions": [
            (
                "single",
                "Chữ ký số chuyên dùng Chính phủ do cơ quan nào cung cấp?",
                [
                    ("Ban Cơ yếu Chính phủ", True),
                    ("Ngân hàng nơi bạn mở tài khoản", False),
                    ("Nhà mạng điện thoại", False),
                ],
                {
                    "competence": "2.6",
                    "level": 2,
                    "feedback": "Chứng thư số chuyên dùng Chính phủ do Ban Cơ yếu Chính phủ cấp.",
                },
            ),
            (
                "true_false",
                "Văn bản đã ký số có giá trị pháp lý như văn bản giấy có chữ ký tay và đóng dấu.",
                [("Đúng", True), ("Sai", False)],
                {},
            ),
            (
                "multiple",
                "Những việc nào giúp giữ an toàn thiết bị ký số (USB token)?",
                [
                    ("Giữ mã PIN cho riêng mình", True),
                    ("Rút thiết bị khi ký xong", True),
                    ("Dán mã PIN lên thiết bị cho đỡ quên", False),
                    ("Cho đồng nghiệp mượn để ký hộ", False),
                ],
                {"competence": "4.1", "level": 2},
            ),
            (
                "ordering",
                "Sắp xếp các bước ký một văn bản PDF theo đúng thứ tự.",
                [
                    "Mở tệp PDF cần ký",
                    "Chọn chức năng Ký số",
                    "Chọn vị trí đặt chữ ký",
                    "Nhập mã PIN của thiết bị ký",
                ],
                {},
            ),
            (
                "short_text",
                "Mã bí mật để mở thiết bị ký số thường được gọi là mã gì? (viết tắt 3 chữ cái)",
                ["PIN", "mã PIN"],
                {"ignore_diacritics": True},
            ),
            (
                "numeric",
                "Một công văn được trưởng phòng ký số, rồi giám đốc ký số. Bảng thông tin chữ ký của tệp PDF hiện bao nhiêu chữ ký?",
                [],
                {"numeric_answer": "2", "tolerance": "0"},
            ),
            (
                "matching",
                "Ghép mỗi thứ với công dụng của nó.",
                [
                    ("Chứng thư số", "Cho biết ai là người ký"),
                    ("Mã PIN", "Mở khóa thiết bị ký"),
                    ("Dấu thời gian", "Cho biết văn bản được ký lúc nào"),
                ],
                {},
            ),
            (
                "single",
                "Khi nhận văn bản đã ký số, bạn kiểm tra chữ ký bằng cách nào?",
                [
                    ("Mở bằng phần mềm đọc PDF và xem bảng thông tin chữ ký", True),
                    ("Nhìn hình con dấu đỏ trên văn bản", False),
                    ("Gọi điện cho người gửi", False),
                ],
                {},
            ),
            (
                "true_false",
                "Nếu văn bản bị sửa sau khi ký, phần mềm sẽ báo chữ ký không còn hợp lệ.",
                [("Đúng", True), ("Sai", False)],
                {},
            ),
            (
                "hotspot",
                "Trên màn hình này, hãy chạm vào chỗ bạn bấm để ký văn bản.",
                [],
                {
                    "screen": (
                        "Ký văn bản",
                        "Ký số",
                        "Kiểm tra lại nội dung rồi bấm nút để ký văn bản PDF.",
                        1,
                    ),
                    "alt": "Màn hình phần mềm ký số: tiêu đề Ký văn bản, hướng dẫn ở trên, nút xanh Ký số ở phía dưới.",
                    "region": "Nút Ký số",
                },
            ),
        ],
    },
    "dich-vu-cong-vneid": {
        "title": "Kiểm tra: dịch vụ công trực tuyến và VNeID",
        "slug": "kiem-tra-dich-vu-cong",
        "category": "Dịch vụ công trực tuyến",
        "time_limit_minutes": 20,
        "questions": [
            (
                "single",
                "Ứng dụng định danh điện tử quốc gia có tên là gì?",
                [("VNeID", True), ("Zalo", False), ("VssID", False)],
                {"competence": "2.6", "level": 1},
            ),
            (
                "true_false",
                "Tài khoản định danh điện tử mức 2 dùng được để đăng nhập Cổng Dịch vụ công quốc gia.",
                [("Đúng", True), ("Sai", False)],
                {"competence": "2.3", "level": 2},
            ),
            (
                "multiple",
                "Để kích hoạt tài khoản định danh mức 2, bạn cần gì?",
                [
                    ("Căn cước có gắn chip", True),
                    ("Số điện thoại chính chủ", True),
                    ("Sổ hộ khẩu giấy", False),
                ],
                {},
            ),
            (
                "ordering",
                "Sắp xếp các bước nộp hồ sơ trên Cổng Dịch vụ công quốc gia.",
                [
                    "Đăng nhập bằng tài khoản VNeID",
                    "Tìm thủ tục cần làm",
                    "Điền tờ khai và đính kèm giấy tờ",
                    "Nộp hồ sơ và ghi lại mã hồ sơ",
                ],
                {"competence": "2.3", "level": 2},
            ),
            (
                "short_text",
                "Sau khi nộp hồ sơ, bạn nhận được gì để tra cứu tiến độ? (hai chữ)",
                ["mã hồ sơ", "ma ho so"],
                {"ignore_diacritics": True},
            ),
            (
                "numeric",
                "Mã PIN bạn đặt khi kích hoạt ứng dụng VNeID gồm bao nhiêu chữ số?",
                [],
                {"numeric_answer": "6", "tolerance": "0"},
            ),
            (
                "matching",
                "Ghép mỗi việc với nơi làm.",
                [
                    ("Kích hoạt định danh điện tử", "Ứng dụng VNeID"),
                    ("Nộp hồ sơ cấp giấy tờ", "Cổng Dịch vụ công quốc gia"),
                    ("Nộp lệ phí trực tuyến", "Chức năng thanh toán của cổng"),
                ],
                {},
            ),
            (
                "single",
                "Khi nộp lệ phí trực tuyến, cách nào an toàn?",
                [
                    ("Thanh toán ngay trên Cổng Dịch vụ công", True),
                    ("Chuyển khoản theo số tài khoản người lạ nhắn tin", False),
                    ("Đưa tiền mặt cho người hứa làm hộ", False),
                ],
                {"competence": "4.2", "level": 2},
            ),
            (
                "true_false",
                "Cán bộ một cửa có thể yêu cầu bạn đọc mã OTP qua điện thoại.",
                [("Đúng", False), ("Sai", True)],
                {"feedback": "Không ai được hỏi mã OTP của bạn, kể cả cán bộ."},
            ),
            (
                "hotspot",
                "Trên màn hình VNeID này, hãy chạm vào chỗ bạn bấm để đăng nhập.",
                [],
                {
                    "screen": (
                        "VNeID",
                        "Đăng nhập",
                        "Nhập số định danh cá nhân và mật khẩu, rồi bấm nút.",
                        2,
                    ),
                    "alt": "Màn hình đăng nhập VNeID: hai ô nhập ở trên, nút xanh Đăng nhập ở phía dưới.",
                    "region": "Nút Đăng nhập",
                },
            ),
        ],
    },
    "an-toan-thong-tin": {
        "title": "Kiểm tra: an toàn thông tin",
        "slug": "kiem-tra-an-toan-thong-tin",
        "category": "An toàn thông tin",
        "time_limit_minutes": 15,
        "questions": [
            (
                "single",
                "Có người gọi xưng là công an, yêu cầu bạn chuyển tiền để “xác minh”. Bạn làm gì?",
                [
                    ("Cúp máy và báo công an xã nơi mình ở", True),
                    ("Chuyển tiền cho nhanh", False),
                    ("Đọc số tài khoản để họ kiểm tra", False),
                ],
                {"competence": "4.2", "level": 1},
            ),
            (
                "multiple",
                "Dấu hiệu nào cho thấy một tin nhắn có thể là lừa đảo?",
                [
                    ("Hối thúc làm ngay", True),
                    ("Có đường link lạ", True),
                    ("Đòi mã OTP", True),
                    ("Gửi từ tổng đài chính thức và không đòi gì", False),
                ],
                {"competence": "4.2", "level": 2},
            ),
            (
                "true_false",
                "Mật khẩu “123456” là mật khẩu mạnh.",
                [("Đúng", False), ("Sai", True)],
                {"competence": "4.1", "level": 1},
            ),
            (
                "short_text",
                "Mã dùng một lần ngân hàng gửi qua tin nhắn gọi là mã gì?",
                ["OTP", "mã OTP"],
                {},
            ),
            (
                "numeric",
                "Một mật khẩu mạnh nên có ít nhất bao nhiêu ký tự (theo bài học)?",
                [],
                {"numeric_answer": "12", "tolerance": "0"},
            ),
            (
                "ordering",
                "Khi lỡ bấm vào link lạ và nhập mật khẩu, hãy làm theo thứ tự nào?",
                [
                    "Đổi mật khẩu ngay",
                    "Bật xác thực hai lớp",
                    "Báo ngân hàng hoặc nơi cấp tài khoản",
                    "Kiểm tra lại các giao dịch gần đây",
                ],
                {},
            ),
            (
                "matching",
                "Ghép mỗi mối nguy với cách phòng tránh.",
                [
                    ("Đường link giả mạo", "Gõ địa chỉ trang web bằng tay"),
                    ("Mất điện thoại", "Khóa màn hình bằng mật khẩu"),
                    ("Lộ mật khẩu", "Bật xác thực hai lớp"),
                ],
                {"competence": "4.1", "level": 2},
            ),
            (
                "single",
                "Địa chỉ nào là trang chính thức của Cổng Dịch vụ công quốc gia?",
                [
                    ("dichvucong.gov.vn", True),
                    ("dichvucong-gov.vn.com", False),
                    ("dvc-online.top", False),
                ],
                {"competence": "1.2", "level": 2},
            ),
            (
                "true_false",
                "Nên dùng cùng một mật khẩu cho mọi tài khoản để dễ nhớ.",
                [("Đúng", False), ("Sai", True)],
                {},
            ),
            (
                "hotspot",
                "Tin nhắn có link lạ: hãy chạm vào nút nên bấm để bảo vệ mình.",
                [],
                {
                    "screen": (
                        "Tin nhắn",
                        "Chặn và báo cáo",
                        "Tài khoản của bạn bị khóa, bấm link để mở lại ngay!",
                        3,
                    ),
                    "alt": "Màn hình tin nhắn có link lạ, nút xanh Chặn và báo cáo ở phía dưới.",
                    "region": "Nút Chặn và báo cáo",
                },
            ),
        ],
    },
}
