"""The text of the three demo courses. Each step is (instruction, screen title, button label):
the seeder draws a phone screen with that title and a highlighted button for every step."""

QUIZ_NOTE = (
    "Bài kiểm tra cuối khóa sẽ được đặt ngay sau bài này. Làm đạt bài kiểm tra để hoàn thành "
    "khóa học và nhận chứng chỉ có mã QR."
)

COURSES = [
    {
        "slug": "chu-ky-so-chuyen-dung",
        "title": "Sử dụng chữ ký số chuyên dùng Chính phủ",
        "topic": "digital_signature",
        "audiences": ["official"],
        "enrolment_mode": "assigned",
        "minutes": 45,
        "summary": (
            "Cài đặt, ký và kiểm tra văn bản điện tử bằng chữ ký số chuyên dùng Chính phủ — "
            "cho cán bộ, công chức, viên chức xử lý hồ sơ hằng ngày."
        ),
        "outcomes": (
            "Hiểu chữ ký số chuyên dùng có giá trị pháp lý như chữ ký tay và con dấu\n"
            "Cài đặt phần mềm ký số và chứng thư số trên máy tính, điện thoại\n"
            "Ký một tệp PDF và kiểm tra chữ ký trên văn bản nhận được\n"
            "Giữ an toàn thiết bị ký số và mã PIN"
        ),
        "certificate": "Chứng chỉ hoàn thành khóa học, có mã QR để kiểm tra",
        "lessons": [
            {
                "slug": "chu-ky-so-la-gi",
                "title": "Chữ ký số chuyên dùng là gì?",
                "intro": (
                    "<p>Chữ ký số chuyên dùng Chính phủ do Ban Cơ yếu Chính phủ cấp cho cơ quan "
                    "và cán bộ, công chức. Văn bản điện tử được ký số hợp lệ có giá trị pháp lý "
                    "như văn bản giấy có chữ ký tay và đóng dấu.</p>"
                    "<p>Mỗi người được cấp một <b>chứng thư số</b> gắn với một thiết bị ký "
                    "(USB Token, SIM ký số hoặc ký số từ xa) và một <b>mã PIN</b> chỉ mình "
                    "biết.</p>"
                ),
                "guide": (
                    "Nhận biết văn bản đã ký số",
                    [
                        (
                            "Mở văn bản PDF nhận được qua hệ thống quản lý văn bản.",
                            "Văn bản đến",
                            "Mở tệp PDF",
                        ),
                        (
                            "Nhìn ô chữ ký ở cuối văn bản: có tên cơ quan, người ký và thời gian ký.",
                            "Chữ ký số",
                            "Xem chữ ký",
                        ),
                        (
                            "Bấm vào ô chữ ký để xem thông tin chứng thư số.",
                            "Thông tin chữ ký",
                            "Chi tiết chứng thư",
                        ),
                    ],
                ),
                "callout": (
                    "remember",
                    "Chữ ký số gắn với từng người. Không nhờ người khác ký thay và không cho mượn thiết bị ký.",
                ),
            },
            {
                "slug": "cai-dat-phan-mem-ky-so",
                "title": "Cài đặt phần mềm ký số",
                "intro": "<p>Trước khi ký lần đầu, cần cài phần mềm ký số do cơ quan hướng dẫn và kiểm tra thiết bị ký nhận được chứng thư số.</p>",
                "guide": (
                    "Cài đặt trên máy tính",
                    [
                        (
                            "Tải bộ cài từ trang của Ban Cơ yếu Chính phủ hoặc theo đường dẫn đơn vị gửi.",
                            "Tải phần mềm",
                            "Tải về",
                        ),
                        (
                            "Mở tệp vừa tải, chọn “Cài đặt” và làm theo hướng dẫn trên màn hình.",
                            "Cài đặt",
                            "Cài đặt",
                        ),
                        (
                            "Cắm USB Token, mở phần mềm và chọn “Kiểm tra thiết bị”.",
                            "Thiết bị ký số",
                            "Kiểm tra thiết bị",
                        ),
                        (
                            "Thấy tên của bạn trong danh sách chứng thư số là cài đặt đã xong.",
                            "Chứng thư số",
                            "Đã sẵn sàng",
                        ),
                    ],
                ),
                "callout": (
                    "tip",
                    "Chỉ tải phần mềm từ địa chỉ chính thức. Nếu không chắc, hỏi bộ phận công nghệ thông tin của đơn vị.",
                ),
            },
            {
                "slug": "ky-van-ban-pdf",
                "title": "Ký một văn bản PDF",
                "intro": "<p>Ký số một văn bản chỉ mất chưa tới một phút. Hãy đọc kỹ văn bản trước khi ký: chữ ký số không thể rút lại.</p>",
                "guide": (
                    "Ký văn bản PDF",
                    [
                        ("Mở văn bản cần ký trong phần mềm ký số.", "Chọn văn bản", "Mở tệp"),
                        (
                            "Chọn “Ký số”, rồi kéo khung chữ ký tới vị trí cần ký.",
                            "Vị trí chữ ký",
                            "Ký số",
                        ),
                        ("Nhập mã PIN của thiết bị ký và chọn “Đồng ý”.", "Nhập mã PIN", "Đồng ý"),
                        ("Lưu văn bản đã ký với tên mới để giữ bản gốc.", "Lưu văn bản", "Lưu"),
                    ],
                ),
                "callout": (
                    "warning",
                    "Nhập sai mã PIN nhiều lần có thể khóa thiết bị ký. Khi quên PIN, liên hệ đầu mối quản lý chữ ký số của đơn vị.",
                ),
            },
            {
                "slug": "kiem-tra-chu-ky",
                "title": "Kiểm tra chữ ký trên văn bản nhận được",
                "intro": "<p>Khi nhận văn bản điện tử, hãy kiểm tra chữ ký còn hợp lệ và văn bản không bị sửa sau khi ký.</p>",
                "guide": (
                    "Kiểm tra chữ ký số",
                    [
                        (
                            "Mở văn bản trong phần mềm ký số và chọn “Kiểm tra chữ ký”.",
                            "Kiểm tra",
                            "Kiểm tra chữ ký",
                        ),
                        (
                            "Dấu tích xanh nghĩa là chữ ký hợp lệ và văn bản còn nguyên vẹn.",
                            "Kết quả",
                            "Hợp lệ",
                        ),
                        (
                            "Nếu báo lỗi, không xử lý văn bản và báo lại cho nơi gửi.",
                            "Cảnh báo",
                            "Báo nơi gửi",
                        ),
                    ],
                ),
                "callout": ("remember", QUIZ_NOTE),
            },
        ],
    },
    {
        "slug": "dich-vu-cong-vneid",
        "title": "Dịch vụ công trực tuyến và ứng dụng VNeID",
        "topic": "public_services",
        "audiences": ["team_member", "resident", "youth"],
        "enrolment_mode": "open",
        "minutes": 50,
        "summary": (
            "Kích hoạt tài khoản định danh điện tử mức 2, nộp hồ sơ trên Cổng Dịch vụ công "
            "quốc gia và nộp phí trực tuyến — để tự làm và hướng dẫn bà con."
        ),
        "outcomes": (
            "Kích hoạt tài khoản định danh điện tử mức 2 trên ứng dụng VNeID\n"
            "Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản VNeID\n"
            "Nộp một hồ sơ trực tuyến và theo dõi kết quả\n"
            "Nộp phí, lệ phí trực tuyến an toàn"
        ),
        "certificate": "Chứng chỉ hoàn thành khóa học, có mã QR để kiểm tra",
        "lessons": [
            {
                "slug": "cai-dat-vneid",
                "title": "Cài đặt ứng dụng VNeID",
                "intro": "<p>VNeID là ứng dụng định danh điện tử của Bộ Công an. Chỉ cài từ CH Play (Android) hoặc App Store (iPhone).</p>",
                "guide": (
                    "Cài đặt VNeID",
                    [
                        (
                            "Mở CH Play hoặc App Store, gõ “VNeID” vào ô tìm kiếm.",
                            "Cửa hàng ứng dụng",
                            "Tìm VNeID",
                        ),
                        (
                            "Kiểm tra nhà phát triển là Trung tâm dữ liệu quốc gia về dân cư, rồi chọn “Cài đặt”.",
                            "VNeID",
                            "Cài đặt",
                        ),
                        ("Mở ứng dụng khi đã cài xong.", "VNeID", "Mở"),
                    ],
                ),
                "callout": (
                    "warning",
                    "Không cài VNeID từ đường link gửi qua tin nhắn, Zalo hay Facebook: đó là ứng dụng giả mạo để lấy cắp tài khoản.",
                ),
            },
            {
                "slug": "kich-hoat-dinh-danh-muc-2",
                "title": "Kích hoạt tài khoản định danh điện tử mức 2",
                "intro": (
                    "<p>Tài khoản mức 2 được cấp khi người dân đã đăng ký tại công an xã, phường "
                    "(chụp ảnh chân dung, lấy vân tay). Sau khi nhận tin nhắn kích hoạt, làm theo "
                    "các bước dưới đây.</p>"
                ),
                "guide": (
                    "Kích hoạt tài khoản",
                    [
                        (
                            "Mở VNeID, chọn “Kích hoạt tài khoản định danh điện tử”.",
                            "VNeID",
                            "Kích hoạt tài khoản",
                        ),
                        (
                            "Nhập số định danh cá nhân (số căn cước) và số điện thoại đã đăng ký.",
                            "Thông tin",
                            "Tiếp tục",
                        ),
                        ("Nhập mã kích hoạt nhận qua tin nhắn SMS.", "Mã kích hoạt", "Xác nhận"),
                        (
                            "Đặt mật khẩu và mã PIN gồm 6 chữ số, ghi nhớ và không cho ai biết.",
                            "Mật khẩu",
                            "Hoàn tất",
                        ),
                    ],
                ),
                "callout": (
                    "remember",
                    "Công an không bao giờ gọi điện đề nghị bạn đọc mã kích hoạt hay mã OTP.",
                ),
            },
            {
                "slug": "nop-ho-so-truc-tuyen",
                "title": "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
                "intro": "<p>Cổng Dịch vụ công quốc gia ở địa chỉ dichvucong.gov.vn. Có thể đăng nhập bằng tài khoản VNeID mức 2.</p>",
                "guide": (
                    "Nộp một hồ sơ",
                    [
                        (
                            "Vào dichvucong.gov.vn, chọn “Đăng nhập” rồi “Tài khoản định danh điện tử”.",
                            "Dịch vụ công",
                            "Đăng nhập",
                        ),
                        ("Xác nhận đăng nhập trên ứng dụng VNeID của bạn.", "VNeID", "Xác nhận"),
                        (
                            "Gõ tên thủ tục vào ô tìm kiếm, chọn đúng nơi giải quyết.",
                            "Tìm thủ tục",
                            "Nộp trực tuyến",
                        ),
                        (
                            "Điền tờ khai, đính kèm ảnh giấy tờ rồi chọn “Nộp hồ sơ”.",
                            "Tờ khai",
                            "Nộp hồ sơ",
                        ),
                        ("Ghi lại mã hồ sơ để tra cứu kết quả.", "Đã nộp", "Xem mã hồ sơ"),
                    ],
                ),
                "callout": (
                    "tip",
                    "Chụp giấy tờ nơi đủ sáng, đặt trên nền tối, chụp thẳng cả tờ để cán bộ đọc được ngay.",
                ),
            },
            {
                "slug": "thanh-toan-phi-truc-tuyen",
                "title": "Nộp phí, lệ phí trực tuyến",
                "intro": "<p>Nhiều thủ tục cho phép nộp phí ngay trên Cổng Dịch vụ công, qua ngân hàng hoặc ví điện tử.</p>",
                "guide": (
                    "Thanh toán trực tuyến",
                    [
                        (
                            "Trong hồ sơ, chọn “Thanh toán” khi có thông báo nộp phí.",
                            "Hồ sơ của tôi",
                            "Thanh toán",
                        ),
                        (
                            "Chọn ngân hàng hoặc ví điện tử bạn đang dùng.",
                            "Chọn cách trả",
                            "Ngân hàng",
                        ),
                        (
                            "Kiểm tra số tiền và tên đơn vị nhận trước khi xác nhận.",
                            "Xác nhận",
                            "Xác nhận",
                        ),
                        (
                            "Lưu biên lai điện tử sau khi thanh toán thành công.",
                            "Thành công",
                            "Tải biên lai",
                        ),
                    ],
                ),
                "callout": ("remember", QUIZ_NOTE),
            },
        ],
    },
    {
        "slug": "an-toan-thong-tin",
        "title": "An toàn thông tin cho mọi người",
        "topic": "information_safety",
        "audiences": ["official", "team_member", "youth", "resident"],
        "enrolment_mode": "open",
        "minutes": 40,
        "summary": (
            "Nhận biết cuộc gọi, tin nhắn lừa đảo và đường link giả mạo; đặt mật khẩu mạnh; "
            "không bao giờ chia sẻ mã OTP."
        ),
        "outcomes": (
            "Nhận ra dấu hiệu của cuộc gọi và tin nhắn lừa đảo\n"
            "Kiểm tra một đường link trước khi bấm\n"
            "Đặt mật khẩu mạnh và bật xác thực hai lớp\n"
            "Biết phải làm gì khi lỡ làm lộ thông tin"
        ),
        "certificate": "Chứng chỉ hoàn thành khóa học, có mã QR để kiểm tra",
        "lessons": [
            {
                "slug": "cuoc-goi-tin-nhan-lua-dao",
                "title": "Cuộc gọi và tin nhắn lừa đảo",
                "intro": (
                    "<p>Kẻ gian thường giả làm công an, ngân hàng, nhân viên điện lực hay người "
                    "thân gặp nạn. Chúng tạo sự vội vàng, sợ hãi để bạn làm theo mà không kịp "
                    "suy nghĩ.</p>"
                ),
                "guide": (
                    "Khi nhận cuộc gọi lạ",
                    [
                        (
                            "Không làm theo yêu cầu chuyển tiền, cài ứng dụng hay đọc mã số.",
                            "Cuộc gọi đến",
                            "Từ chối",
                        ),
                        (
                            "Cúp máy, gọi lại số chính thức của cơ quan hoặc người thân để kiểm tra.",
                            "Danh bạ",
                            "Gọi số chính thức",
                        ),
                        (
                            "Báo số lạ cho nhà mạng và công an xã, phường.",
                            "Báo cáo",
                            "Báo số lừa đảo",
                        ),
                    ],
                ),
                "callout": (
                    "warning",
                    "Công an, tòa án không làm việc qua điện thoại và không bao giờ yêu cầu chuyển tiền vào “tài khoản tạm giữ”.",
                ),
            },
            {
                "slug": "duong-link-gia-mao",
                "title": "Đường link giả mạo",
                "intro": "<p>Một đường link giả có thể trông rất giống trang thật, chỉ khác một chữ cái. Bấm vào có thể bị lấy mật khẩu hoặc cài mã độc.</p>",
                "guide": (
                    "Kiểm tra một đường link",
                    [
                        (
                            "Nhấn giữ đường link (không bấm) để xem địa chỉ đầy đủ.",
                            "Tin nhắn",
                            "Nhấn giữ link",
                        ),
                        (
                            "Trang cơ quan nhà nước có đuôi “.gov.vn”; để ý chữ sai chính tả.",
                            "Địa chỉ",
                            "Kiểm tra địa chỉ",
                        ),
                        (
                            "Nếu nghi ngờ, tự gõ địa chỉ trang chính thức thay vì bấm link.",
                            "Trình duyệt",
                            "Tự gõ địa chỉ",
                        ),
                    ],
                ),
                "callout": (
                    "tip",
                    "Tin nhắn báo trúng thưởng, khóa tài khoản hay “hoàn tiền” kèm đường link gần như luôn là lừa đảo.",
                ),
            },
            {
                "slug": "mat-khau-manh",
                "title": "Mật khẩu mạnh và xác thực hai lớp",
                "intro": "<p>Mật khẩu mạnh dài ít nhất 12 ký tự, ví dụ một câu dễ nhớ với bạn nhưng khó đoán với người khác. Mỗi tài khoản quan trọng dùng một mật khẩu riêng.</p>",
                "guide": (
                    "Bật xác thực hai lớp",
                    [
                        ("Vào phần “Cài đặt” rồi “Bảo mật” của tài khoản.", "Cài đặt", "Bảo mật"),
                        (
                            "Chọn “Xác thực hai lớp” và làm theo hướng dẫn.",
                            "Bảo mật",
                            "Xác thực hai lớp",
                        ),
                        (
                            "Cất mã dự phòng ở nơi an toàn, không chụp gửi cho ai.",
                            "Mã dự phòng",
                            "Đã lưu",
                        ),
                    ],
                ),
                "callout": (
                    "remember",
                    "Không dùng ngày sinh, số điện thoại hay “123456” làm mật khẩu.",
                ),
            },
            {
                "slug": "khong-chia-se-otp",
                "title": "Không bao giờ chia sẻ mã OTP",
                "intro": "<p>Mã OTP là chìa khóa dùng một lần cho tài khoản ngân hàng, VNeID, ví điện tử. Ai có mã OTP của bạn là có thể lấy tiền hoặc chiếm tài khoản.</p>",
                "guide": (
                    "Khi có người xin mã OTP",
                    [
                        (
                            "Đọc kỹ tin nhắn OTP: nó cho biết mã dùng để làm gì.",
                            "Tin nhắn OTP",
                            "Đọc kỹ",
                        ),
                        (
                            "Không đọc, không chụp, không gửi mã cho bất kỳ ai, kể cả người xưng là nhân viên ngân hàng.",
                            "Cuộc gọi",
                            "Từ chối",
                        ),
                        (
                            "Nếu lỡ đưa mã, gọi ngay tổng đài ngân hàng để khóa tài khoản.",
                            "Ngân hàng",
                            "Gọi tổng đài",
                        ),
                    ],
                ),
                "callout": ("remember", QUIZ_NOTE),
            },
        ],
    },
]
