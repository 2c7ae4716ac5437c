"""Demo data for the site itself: the home page, made the root of the default Site."""

from django.db import transaction
from wagtail.models import Page, Site

from .models import HomePage

HOW_IT_WORKS = [
    {
        "audience": "Cán bộ, công chức, viên chức",
        "intro": "Học theo kế hoạch của cơ quan, đơn vị; kết quả được báo cáo cho người quản lý.",
        "steps": [
            "Đăng nhập bằng e-mail công vụ hoặc số điện thoại",
            "Mở mục “Khóa học của tôi” để xem khóa học được giao và hạn hoàn thành",
            "Học từng bài, làm bài kiểm tra, nhận chứng chỉ có mã QR",
        ],
    },
    {
        "audience": "Tổ công nghệ số cộng đồng",
        "intro": "Tự học trước, rồi hướng dẫn bà con cài VNeID, nộp hồ sơ trực tuyến, thanh toán không dùng tiền mặt.",
        "steps": [
            "Tổ trưởng đăng ký tài khoản giúp thành viên chưa có e-mail",
            "Học các bài hướng dẫn từng bước, có ảnh chụp màn hình",
            "Tổ trưởng theo dõi tiến độ của cả tổ",
        ],
    },
    {
        "audience": "Thanh niên và người dân",
        "intro": "Học miễn phí trên điện thoại, kể cả khi mạng yếu; mỗi bài chỉ vài phút.",
        "steps": [
            "Đăng ký bằng số điện thoại",
            "Chọn khóa học: an toàn thông tin, dịch vụ công, VNeID",
            "Làm bài kiểm tra để biết mức năng lực số của mình",
        ],
    },
]


@transaction.atomic
def seed() -> HomePage:
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    root = Page.get_first_root_node()
    home = HomePage(
        title="Trang chủ",
        slug="trang-chu",
        seo_title="Học kỹ năng số — Tỉnh Đồng Nai",
        hero_title="Học kỹ năng số, làm chủ dịch vụ công trực tuyến",
        hero_text=(
            "Khóa học miễn phí về chữ ký số, ứng dụng VNeID, Cổng Dịch vụ công quốc gia, "
            "thanh toán trực tuyến và an toàn thông tin — dành cho cán bộ, tổ công nghệ số "
            "cộng đồng, thanh niên và người dân tỉnh Đồng Nai."
        ),
        hero_cta_label="Xem các khóa học",
        how_it_works=[("audience", block) for block in HOW_IT_WORKS],
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    old_root = site.root_page if site else None
    if site:
        site.root_page = home
        site.site_name = "Học kỹ năng số"
        site.save()
    else:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Học kỹ năng số",
        )
    if old_root and old_root.pk != home.pk and not old_root.get_children().exists():
        old_root.delete()
    return home
