"""Blocks of the home page."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AudienceGuideBlock(blocks.StructBlock):
    """'How it works' for one audience: a title, a sentence, and a few numbered steps."""

    audience = blocks.CharBlock(label=_("Đối tượng"), max_length=80)
    intro = blocks.TextBlock(label=_("Giới thiệu ngắn"), max_length=300)
    steps = blocks.ListBlock(
        blocks.CharBlock(max_length=200), label=_("Các bước"), min_num=1, max_num=6
    )

    class Meta:
        icon = "group"
        template = "blocks/audience_guide_block.html"
        label = _("Hướng dẫn cho một đối tượng")
        description = _("Cách học trên trang, viết cho một nhóm người học.")
        preview_value = {
            "audience": "Cán bộ, công chức",
            "intro": "Học theo lịch của đơn vị, làm bài kiểm tra và nhận chứng chỉ.",
            "steps": ["Đăng nhập", "Chọn khóa học được giao", "Làm bài kiểm tra"],
        }
