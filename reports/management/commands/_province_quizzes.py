"""The question banks of seed_province's end-of-course quizzes: ten single-choice questions in
Vietnamese per theme, shared by the courses of that theme.

Each question: (facility, text, choices), choices being (text, correct) pairs with one correct.
`facility` is the share of average learners who answer it right (EASY, MEDIUM, HARD): the seed
draws the answers from it and from each learner's ability, so that the item statistics of the
quiz results report (facility, discrimination) read like a real cohort's.
"""

EASY, MEDIUM, HARD = 0.9, 0.65, 0.38

BANKS = {
    "chu_ky_so": (
        "Cấp tỉnh: chữ ký số",
        [
            (
                EASY,
                "Chữ ký số trên một văn bản điện tử dùng để làm gì?",
                [
                    ("Xác nhận người ký và bảo đảm văn bản không bị sửa sau khi ký", True),
                    ("Làm cho tệp nhẹ hơn khi gửi đi", False),
                    ("Trang trí văn bản cho trang trọng", False),
                    ("Thay cho mật khẩu đăng nhập máy tính", False),
                ],
            ),
            (
                EASY,
                "Khi ký số bằng thiết bị USB token, bạn phải nhập gì để mở thiết bị?",
                [
                    ("Mã PIN của thiết bị ký số", True),
                    ("Số căn cước công dân", False),
                    ("Mật khẩu thư điện tử công vụ", False),
                    ("Số điện thoại của mình", False),
                ],
            ),
            (
                EASY,
                "Đồng nghiệp nhờ bạn cho mượn USB token và mã PIN để ký hộ một công văn. "
                "Bạn nên làm gì?",
                [
                    ("Từ chối: chữ ký số gắn với riêng người được cấp", True),
                    ("Cho mượn nếu người đó là lãnh đạo phòng", False),
                    ("Cho mượn rồi đổi mã PIN sau", False),
                    ("Gửi mã PIN qua tin nhắn cho nhanh", False),
                ],
            ),
            (
                MEDIUM,
                "Chứng thư số chuyên dùng Chính phủ do cơ quan nào cấp?",
                [
                    ("Ban Cơ yếu Chính phủ", True),
                    ("Nhà mạng điện thoại di động", False),
                    ("Ngân hàng nơi bạn mở tài khoản", False),
                    ("Ủy ban nhân dân xã, phường", False),
                ],
            ),
            (
                MEDIUM,
                "Một văn bản đã ký số bị sửa thêm một chữ. Phần mềm đọc PDF sẽ báo gì?",
                [
                    ("Chữ ký không còn hợp lệ vì văn bản đã bị thay đổi sau khi ký", True),
                    ("Chữ ký vẫn hợp lệ như cũ", False),
                    ("Văn bản được tự động ký lại", False),
                    ("Không báo gì cả", False),
                ],
            ),
            (
                MEDIUM,
                "Ký số trên điện thoại (ký số từ xa) thường được xác nhận bằng cách nào?",
                [
                    (
                        "Xác nhận trên ứng dụng ký số của nhà cung cấp bằng mã PIN, vân tay "
                        "hoặc khuôn mặt",
                        True,
                    ),
                    ("Gọi điện cho tổng đài đọc nội dung văn bản", False),
                    ("Gửi ảnh chụp chữ ký tay", False),
                    ("Chụp màn hình văn bản rồi gửi đi", False),
                ],
            ),
            (
                MEDIUM,
                "Bạn làm mất USB token ký số. Việc đầu tiên cần làm là gì?",
                [
                    ("Báo ngay cho đơn vị quản lý để tạm dừng, thu hồi chứng thư số", True),
                    ("Chờ vài ngày xem có ai trả lại không", False),
                    ("Mua thiết bị khác và dùng lại mã PIN cũ", False),
                    ("Không cần làm gì vì người nhặt được không biết mã PIN", False),
                ],
            ),
            (
                HARD,
                "Chứng thư số đã hết hạn thì văn bản mới ký bằng chứng thư đó có giá trị thế nào?",
                [
                    ("Không hợp lệ: phải gia hạn hoặc được cấp chứng thư mới trước khi ký", True),
                    ("Vẫn hợp lệ thêm 30 ngày", False),
                    ("Hợp lệ nếu văn bản có đóng dấu đỏ", False),
                    ("Hợp lệ nếu người nhận đồng ý", False),
                ],
            ),
            (
                HARD,
                "Luật nào công nhận văn bản ký số có giá trị pháp lý như văn bản giấy được ký?",
                [
                    ("Luật Giao dịch điện tử", True),
                    ("Luật Viễn thông", False),
                    ("Luật Báo chí", False),
                    ("Luật Công nghệ cao", False),
                ],
            ),
            (
                HARD,
                "Làm sao biết một tệp PDF nhận được có chữ ký số hợp lệ?",
                [
                    (
                        "Mở bảng thông tin chữ ký của phần mềm đọc PDF hoặc dùng công cụ xác "
                        "thực chữ ký của nhà cung cấp",
                        True,
                    ),
                    ("Nhìn hình con dấu và chữ ký trên trang", False),
                    ("Xem tên tệp có chữ “da ky” hay không", False),
                    ("Xem dung lượng tệp có lớn hơn bình thường không", False),
                ],
            ),
        ],
    ),
    "vneid": (
        "Cấp tỉnh: định danh điện tử VNeID",
        [
            (
                EASY,
                "Ứng dụng định danh điện tử quốc gia của Bộ Công an có tên là gì?",
                [("VNeID", True), ("VssID", False), ("eTax Mobile", False), ("Zalo", False)],
            ),
            (
                EASY,
                "Mật khẩu VNeID và mã OTP gửi về điện thoại có thể cho ai biết?",
                [
                    ("Không cho ai, kể cả người gọi điện xưng là công an", True),
                    ("Cán bộ gọi điện hỏi để hỗ trợ", False),
                    ("Người bán hàng cần xác minh", False),
                    ("Bạn bè trên mạng xã hội", False),
                ],
            ),
            (
                EASY,
                "Giấy tờ nào có thể tích hợp vào VNeID để xuất trình thay bản giấy?",
                [
                    ("Giấy phép lái xe, thẻ bảo hiểm y tế", True),
                    ("Sổ tiết kiệm ngân hàng", False),
                    ("Vé xổ số", False),
                    ("Hóa đơn tiền điện", False),
                ],
            ),
            (
                MEDIUM,
                "Tài khoản định danh điện tử mức 2 được đăng ký ở đâu?",
                [
                    (
                        "Tại cơ quan công an (nơi làm căn cước), có thu nhận ảnh chân dung "
                        "và vân tay",
                        True,
                    ),
                    ("Tự đăng ký hoàn toàn trên ứng dụng, không cần đến đâu", False),
                    ("Tại quầy giao dịch của ngân hàng", False),
                    ("Gửi hồ sơ qua bưu điện", False),
                ],
            ),
            (
                MEDIUM,
                "Người dân làm được thủ tục nào ngay trên ứng dụng VNeID?",
                [
                    ("Thông báo lưu trú, đăng ký thường trú, tạm trú", True),
                    ("Rút tiền tiết kiệm", False),
                    ("Mua vé máy bay giá rẻ", False),
                    ("Đổi bằng tốt nghiệp", False),
                ],
            ),
            (
                MEDIUM,
                "Sổ sức khỏe điện tử trên VNeID cho bạn xem gì?",
                [
                    ("Thông tin khám chữa bệnh và tiêm chủng của chính mình", True),
                    ("Hồ sơ bệnh án của người khác trong xã", False),
                    ("Lịch trực của bác sĩ mọi bệnh viện", False),
                    ("Giá thuốc ở các nhà thuốc", False),
                ],
            ),
            (
                MEDIUM,
                "Tin nhắn mời “nâng cấp VNeID lên mức 2” kèm một đường dẫn lạ. Bạn nên làm gì?",
                [
                    (
                        "Không bấm: VNeID chỉ cài từ kho ứng dụng chính thức, mức 2 làm tại "
                        "cơ quan công an",
                        True,
                    ),
                    ("Bấm vào và làm theo hướng dẫn", False),
                    ("Gửi đường dẫn cho người thân cùng nâng cấp", False),
                    ("Trả lời tin nhắn bằng số căn cước", False),
                ],
            ),
            (
                HARD,
                "Tài khoản định danh điện tử mức 2 khác mức 1 ở điểm nào?",
                [
                    (
                        "Mức 2 được xác thực thêm ảnh chân dung và vân tay, xuất trình thay "
                        "được thẻ căn cước",
                        True,
                    ),
                    ("Mức 2 chỉ dành cho cán bộ, công chức", False),
                    ("Mức 2 phải trả phí hằng năm", False),
                    ("Hai mức như nhau, chỉ khác màu giao diện", False),
                ],
            ),
            (
                HARD,
                "Trẻ em dưới 14 tuổi có tài khoản định danh điện tử bằng cách nào?",
                [
                    ("Được cấp theo đề nghị của cha, mẹ hoặc người giám hộ", True),
                    ("Trẻ tự đăng ký trên điện thoại", False),
                    ("Nhà trường đăng ký hộ cho cả lớp", False),
                    ("Không được cấp cho đến khi đủ 18 tuổi", False),
                ],
            ),
            (
                HARD,
                "Đăng ký khai sinh trực tuyến cho con, ai đứng tên nộp hồ sơ?",
                [
                    ("Cha hoặc mẹ của trẻ, đăng nhập bằng tài khoản định danh của mình", True),
                    ("Bất kỳ người hàng xóm nào", False),
                    ("Nhân viên bệnh viện nơi trẻ sinh ra", False),
                    ("Cán bộ tổ công nghệ số, bằng tài khoản của tổ", False),
                ],
            ),
        ],
    ),
    "dich_vu_cong": (
        "Cấp tỉnh: Cổng Dịch vụ công quốc gia",
        [
            (
                EASY,
                "Địa chỉ của Cổng Dịch vụ công quốc gia là gì?",
                [
                    ("dichvucong.gov.vn", True),
                    ("dichvucong.com", False),
                    ("dichvucong-gov.vn", False),
                    ("dvc-vn.net", False),
                ],
            ),
            (
                EASY,
                "Đăng nhập Cổng Dịch vụ công quốc gia bằng tài khoản nào?",
                [
                    ("Tài khoản định danh điện tử VNeID", True),
                    ("Tài khoản Facebook", False),
                    ("Tài khoản trò chơi trực tuyến", False),
                    ("Số thẻ ATM", False),
                ],
            ),
            (
                EASY,
                "Người cao tuổi chưa quen dùng máy tính muốn nộp hồ sơ trực tuyến có thể nhờ ai?",
                [
                    ("Tổ công nghệ số cộng đồng hoặc bộ phận một cửa của xã, phường", True),
                    ("Người lạ trên mạng xã hội tự nhận làm hộ", False),
                    ("Dịch vụ làm hộ thu phí qua tin nhắn", False),
                    ("Không ai hỗ trợ được", False),
                ],
            ),
            (
                MEDIUM,
                "Dịch vụ công trực tuyến toàn trình nghĩa là gì?",
                [
                    ("Nộp hồ sơ, nộp phí và nhận kết quả đều trên mạng", True),
                    ("Chỉ xem được thông tin về thủ tục", False),
                    ("Chỉ tải mẫu đơn về in ra", False),
                    ("Nộp trên mạng rồi vẫn phải nộp lại bản giấy", False),
                ],
            ),
            (
                MEDIUM,
                "Sau khi nộp hồ sơ trực tuyến, bạn theo dõi tiến độ giải quyết ở đâu?",
                [
                    ("Mục quản lý hồ sơ đã nộp trên Cổng, theo mã hồ sơ", True),
                    ("Hỏi người quen làm ở cơ quan", False),
                    ("Chờ thư giấy gửi về nhà", False),
                    ("Không theo dõi được", False),
                ],
            ),
            (
                MEDIUM,
                "Ảnh chụp giấy tờ tải lên hồ sơ trực tuyến cần thế nào?",
                [
                    ("Rõ nét, đủ bốn góc, đúng loại giấy tờ được yêu cầu", True),
                    ("Chụp nghiêng cho nhanh, miễn thấy chữ", False),
                    ("Chỉ cần chụp một phần", False),
                    ("Ảnh nào trong máy cũng được", False),
                ],
            ),
            (
                MEDIUM,
                "Mã hồ sơ mà Cổng cấp sau khi nộp dùng để làm gì?",
                [
                    ("Tra cứu tình trạng hồ sơ và trao đổi với cơ quan giải quyết", True),
                    ("Làm mật khẩu đăng nhập lần sau", False),
                    ("Nạp tiền điện thoại", False),
                    ("Không dùng vào việc gì", False),
                ],
            ),
            (
                HARD,
                "Bản điện tử của kết quả thủ tục (ví dụ giấy khai sinh điện tử) có giá trị thế nào?",
                [
                    ("Có giá trị pháp lý như bản giấy và được lưu trong kho dữ liệu cá nhân", True),
                    ("Chỉ để tham khảo, không dùng được", False),
                    ("Phải đem đi công chứng mới dùng được", False),
                    ("Hết hạn sau một ngày", False),
                ],
            ),
            (
                HARD,
                "Hồ sơ của bạn bị yêu cầu bổ sung trên Cổng. Bạn làm gì?",
                [
                    ("Đọc yêu cầu và bổ sung đúng giấy tờ vào chính hồ sơ đó, trong hạn", True),
                    ("Nộp một hồ sơ mới hoàn toàn", False),
                    ("Bỏ qua, cơ quan sẽ tự bổ sung", False),
                    ("Gửi giấy tờ qua trang cá nhân của cán bộ", False),
                ],
            ),
            (
                HARD,
                "Trước khi hướng dẫn người dân nộp hồ sơ, cán bộ tổ công nghệ số cần kiểm tra "
                "gì đầu tiên?",
                [
                    ("Người dân đã có tài khoản định danh điện tử và chọn đúng thủ tục", True),
                    ("Người dân có máy tính đời mới", False),
                    ("Người dân đã in sẵn mọi giấy tờ", False),
                    ("Hôm đó có phải ngày làm việc không", False),
                ],
            ),
        ],
    ),
    "thanh_toan": (
        "Cấp tỉnh: thanh toán trực tuyến",
        [
            (
                EASY,
                "Khi nộp lệ phí trên Cổng Dịch vụ công, bạn có thể trả bằng cách nào?",
                [
                    ("Chuyển khoản, thẻ ngân hàng hoặc ví điện tử mà Cổng hỗ trợ", True),
                    ("Gửi tiền mặt qua thư", False),
                    ("Nạp thẻ cào điện thoại", False),
                    ("Chuyển vào tài khoản riêng của cán bộ", False),
                ],
            ),
            (
                EASY,
                "Người gọi điện nói bạn còn nợ lệ phí, đề nghị chuyển tiền vào một tài khoản "
                "cá nhân. Bạn làm gì?",
                [
                    ("Không chuyển: lệ phí chỉ nộp qua Cổng hoặc tại cơ quan giải quyết", True),
                    ("Chuyển ngay để khỏi bị phạt", False),
                    ("Chuyển một nửa trước", False),
                    ("Đọc số thẻ để họ tự trừ tiền", False),
                ],
            ),
            (
                EASY,
                "Ứng dụng ngân hàng nên được cài từ đâu?",
                [
                    ("Kho ứng dụng chính thức hoặc trang web của ngân hàng", True),
                    ("Đường dẫn trong tin nhắn lạ", False),
                    ("Tệp cài đặt do người lạ gửi qua Zalo", False),
                    ("Trang web nào tải nhanh nhất", False),
                ],
            ),
            (
                MEDIUM,
                "Trước khi xác nhận một lệnh chuyển khoản, bạn cần kiểm tra gì?",
                [
                    ("Tên người nhận, số tiền và nội dung chuyển khoản", True),
                    ("Chỉ cần số tiền", False),
                    ("Màu giao diện của ứng dụng", False),
                    ("Không cần kiểm tra gì", False),
                ],
            ),
            (
                MEDIUM,
                "Mã OTP ngân hàng gửi về khi thanh toán dùng để làm gì?",
                [
                    ("Xác nhận giao dịch do chính bạn thực hiện; không đưa cho ai", True),
                    ("Đưa cho nhân viên ngân hàng khi họ gọi hỏi", False),
                    ("Làm mật khẩu đăng nhập lâu dài", False),
                    ("Đổi lấy quà khuyến mại", False),
                ],
            ),
            (
                MEDIUM,
                "Thanh toán xong lệ phí trực tuyến, bạn nhận được gì?",
                [
                    ("Biên lai điện tử, lưu cùng hồ sơ", True),
                    ("Không nhận được gì", False),
                    ("Một cuộc gọi xác nhận bắt buộc", False),
                    ("Phiếu giảm giá mua hàng", False),
                ],
            ),
            (
                MEDIUM,
                "Nộp hồ sơ và lệ phí trực tuyến có lợi gì so với nộp tiền mặt tại cơ quan?",
                [
                    (
                        "Không phải đi lại, có biên lai điện tử, nhiều thủ tục còn được giảm "
                        "lệ phí",
                        True,
                    ),
                    ("Không có lợi gì", False),
                    ("Được miễn mọi giấy tờ", False),
                    ("Được giải quyết ngay trong một phút", False),
                ],
            ),
            (
                HARD,
                "Tài khoản đã bị trừ tiền nhưng Cổng báo giao dịch chưa thành công. Nên làm gì?",
                [
                    (
                        "Không thanh toán lại ngay; giữ mã giao dịch, liên hệ ngân hàng hoặc "
                        "tổng đài hỗ trợ của Cổng để đối soát",
                        True,
                    ),
                    ("Thanh toán lại nhiều lần cho đến khi thành công", False),
                    ("Gỡ ứng dụng ngân hàng rồi cài lại", False),
                    ("Nhờ người lạ trên mạng lấy lại tiền", False),
                ],
            ),
            (
                HARD,
                "Đặt hạn mức chuyển tiền trong ngày thấp trên ứng dụng ngân hàng giúp gì?",
                [
                    ("Hạn chế thiệt hại nếu tài khoản bị kẻ gian chiếm quyền", True),
                    ("Được tăng lãi suất tiền gửi", False),
                    ("Được miễn lệ phí dịch vụ công", False),
                    ("Không giúp được gì", False),
                ],
            ),
            (
                HARD,
                "Từ 1/7/2024, chuyển khoản trên 10 triệu đồng một lần qua ứng dụng ngân hàng "
                "cần thêm bước nào?",
                [
                    ("Xác thực sinh trắc học bằng khuôn mặt", True),
                    ("Ký tay vào giấy gửi ngân hàng", False),
                    ("Gọi điện cho chi nhánh ngân hàng", False),
                    ("Không cần thêm bước nào", False),
                ],
            ),
        ],
    ),
    "an_toan": (
        "Cấp tỉnh: an toàn thông tin",
        [
            (
                EASY,
                "Tin nhắn báo bạn trúng thưởng và yêu cầu bấm đường dẫn để nhận quà. Bạn làm gì?",
                [
                    ("Không bấm, xóa tin nhắn và báo người thân hoặc tổ công nghệ số", True),
                    ("Bấm ngay kẻo hết hạn", False),
                    ("Chuyển tiếp cho bạn bè cùng nhận", False),
                    ("Trả lời bằng số tài khoản để nhận tiền", False),
                ],
            ),
            (
                EASY,
                "Mật khẩu nào dưới đây mạnh nhất?",
                [
                    ("Meo#Vang-an-ca-2025!", True),
                    ("123456", False),
                    ("matkhau", False),
                    ("Ngày sinh của bạn", False),
                ],
            ),
            (
                EASY,
                "Người gọi xưng là công an, nói bạn liên quan đến một vụ án và bảo chuyển tiền "
                "để “xác minh”. Đó là gì?",
                [
                    ("Lừa đảo: công an không yêu cầu chuyển tiền qua điện thoại", True),
                    ("Một thủ tục bình thường", False),
                    ("Một cuộc khảo sát của nhà mạng", False),
                    ("Thông báo trúng thưởng", False),
                ],
            ),
            (
                MEDIUM,
                "Xác thực hai lớp là gì?",
                [
                    ("Ngoài mật khẩu, cần thêm một bước như mã gửi về điện thoại", True),
                    ("Đặt hai mật khẩu giống nhau", False),
                    ("Đăng nhập trên hai máy cùng lúc", False),
                    ("Đổi mật khẩu hai lần mỗi ngày", False),
                ],
            ),
            (
                MEDIUM,
                "Dấu hiệu nào cho thấy một trang web ngân hàng có thể là giả mạo?",
                [
                    ("Địa chỉ sai chính tả hoặc có thêm ký tự lạ so với địa chỉ thật", True),
                    ("Trang có logo của ngân hàng", False),
                    ("Trang viết bằng tiếng Việt", False),
                    ("Trang có nút đăng nhập", False),
                ],
            ),
            (
                MEDIUM,
                "Điện thoại báo có bản cập nhật hệ điều hành. Bạn nên làm gì?",
                [
                    ("Cài sớm, vì bản cập nhật thường vá các lỗ hổng bảo mật", True),
                    ("Không bao giờ cập nhật", False),
                    ("Chỉ cập nhật khi máy hỏng", False),
                    ("Tải bản cập nhật từ một trang web lạ", False),
                ],
            ),
            (
                MEDIUM,
                "Một người cao tuổi nhận cuộc gọi video của “con” xin chuyển tiền gấp, hình "
                "hơi mờ và tiếng bị rè. Bạn khuyên gì?",
                [
                    ("Gọi lại vào số quen của con để hỏi trước khi chuyển", True),
                    ("Chuyển ngay vì đã thấy mặt con", False),
                    ("Chuyển một nửa số tiền trước", False),
                    ("Gửi mã OTP để con tự chuyển", False),
                ],
            ),
            (
                HARD,
                "Biểu tượng ổ khóa (https) trên thanh địa chỉ cho biết điều gì?",
                [
                    ("Kết nối được mã hóa, nhưng chưa chứng tỏ trang web là thật", True),
                    ("Trang web chắc chắn an toàn", False),
                    ("Trang web là của cơ quan nhà nước", False),
                    ("Trang web đã được công an kiểm duyệt", False),
                ],
            ),
            (
                HARD,
                "Theo quy định về bảo vệ dữ liệu cá nhân, thông tin nào là dữ liệu cá nhân "
                "nhạy cảm?",
                [
                    ("Tình trạng sức khỏe và dữ liệu sinh trắc học", True),
                    ("Họ và tên", False),
                    ("Năm sinh", False),
                    ("Giới tính", False),
                ],
            ),
            (
                HARD,
                "Muốn báo một trang web lừa đảo cho cơ quan chức năng, bạn gửi ở đâu?",
                [
                    ("Cổng cảnh báo an toàn thông tin: canhbao.khonggianmang.vn", True),
                    ("Một nhóm lạ trên mạng xã hội", False),
                    ("Chính số điện thoại của kẻ lừa đảo", False),
                    ("Không cần báo cho ai", False),
                ],
            ),
        ],
    ),
    "ky_nang_so": (
        "Cấp tỉnh: kỹ năng số cơ bản",
        [
            (
                EASY,
                "Để kết nối điện thoại với mạng Wi-Fi, bạn vào đâu?",
                [
                    ("Cài đặt, rồi chọn Wi-Fi", True),
                    ("Ứng dụng Máy ảnh", False),
                    ("Danh bạ", False),
                    ("Đồng hồ", False),
                ],
            ),
            (
                EASY,
                "Trong thư điện tử, để gửi kèm một tệp, bạn bấm vào đâu?",
                [
                    ("Biểu tượng kẹp giấy (Đính kèm)", True),
                    ("Nút Xóa", False),
                    ("Thư mục Thư rác", False),
                    ("Ô Tiêu đề", False),
                ],
            ),
            (
                EASY,
                "Trong cuộc họp trực tuyến, khi không phát biểu bạn nên làm gì?",
                [
                    ("Tắt micro để tránh tiếng ồn", True),
                    ("Bật loa to nhất", False),
                    ("Rời cuộc họp rồi vào lại", False),
                    ("Chia sẻ màn hình liên tục", False),
                ],
            ),
            (
                MEDIUM,
                "Trước khi chia sẻ một tin trên mạng, bạn nên làm gì?",
                [
                    ("Xem nguồn đăng và đối chiếu với trang tin chính thống", True),
                    ("Chia sẻ ngay nếu nhiều người thích", False),
                    ("Chia sẻ nếu tiêu đề gây sốc", False),
                    ("Không cần đọc, chỉ cần xem ảnh", False),
                ],
            ),
            (
                MEDIUM,
                "Bán hàng trên sàn thương mại điện tử, người bán giữ uy tín bằng cách nào?",
                [
                    ("Mô tả đúng sản phẩm, dùng ảnh thật và giao hàng đúng hẹn", True),
                    ("Dùng ảnh đẹp trên mạng thay ảnh thật", False),
                    ("Tự viết đánh giá tốt cho mình", False),
                    ("Hẹn giao sớm rồi giao trễ", False),
                ],
            ),
            (
                MEDIUM,
                "Bộ nhớ điện thoại sắp đầy. Cách làm an toàn là gì?",
                [
                    ("Sao lưu ảnh lên dịch vụ lưu trữ đám mây rồi gỡ ứng dụng không dùng", True),
                    ("Xóa hết danh bạ", False),
                    ("Cài ứng dụng “dọn rác” từ đường dẫn lạ", False),
                    ("Khôi phục cài đặt gốc mà không sao lưu", False),
                ],
            ),
            (
                MEDIUM,
                "Người mua muốn kiểm tra nguồn gốc nông sản của hợp tác xã. Cách phổ biến là gì?",
                [
                    ("Quét tem mã QR truy xuất nguồn gốc trên bao bì", True),
                    ("Gọi điện cho từng hộ trồng", False),
                    ("Xem màu của bao bì", False),
                    ("Không có cách nào", False),
                ],
            ),
            (
                HARD,
                "Muốn gửi thư cho nhiều người mà họ không thấy địa chỉ của nhau, bạn điền các "
                "địa chỉ vào ô nào?",
                [
                    ("Bcc (Cc ẩn)", True),
                    ("Đến", False),
                    ("Cc", False),
                    ("Tiêu đề", False),
                ],
            ),
            (
                HARD,
                'Đặt cụm từ tìm kiếm trong dấu ngoặc kép, ví dụ "chữ ký số", có tác dụng gì?',
                [
                    ("Chỉ tìm các trang có đúng cụm từ ấy, theo đúng thứ tự", True),
                    ("Tìm được nhanh gấp đôi", False),
                    ("Chỉ tìm trang của nhà nước", False),
                    ("Bỏ qua các từ trong ngoặc", False),
                ],
            ),
            (
                HARD,
                "Dùng công cụ trí tuệ nhân tạo (chatbot) trong công việc, điều nào đúng?",
                [
                    (
                        "Kiểm tra lại câu trả lời và không nhập dữ liệu cá nhân của người dân",
                        True,
                    ),
                    ("Câu trả lời luôn đúng, dùng ngay không cần đọc lại", False),
                    ("Dán cả hồ sơ của người dân vào cho nhanh", False),
                    ("Chỉ dùng được khi không có mạng", False),
                ],
            ),
        ],
    ),
}
