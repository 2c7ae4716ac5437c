"""Blocks of a lesson body. Every block's Meta sets icon, template, preview and description."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import RichText

from .sanitize import clean_html

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CleanRichTextBlock(blocks.RichTextBlock):
    """Rich text cleaned with bleach when it is saved and again when it is read back."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value):
        source = value.source if isinstance(value, RichText) else (value or "")
        return clean_html(source)

    def to_python(self, value):
        return RichText(clean_html(value))

    def clean(self, value):
        value = super().clean(value)
        return RichText(clean_html(value.source))

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text_block.html"
        label = _("Đoạn văn")
        description = _("Văn bản có định dạng: tiêu đề nhỏ, chữ đậm, danh sách, liên kết.")
        preview_value = RichText(
            "<p>Chữ ký số giúp ký văn bản điện tử <b>có giá trị pháp lý</b> như chữ ký tay.</p>"
        )


class ImageWithAltBlock(blocks.StructBlock):
    """An image with required alternative text; rendered as responsive, lazy WebP."""

    image = ImageChooserBlock(label=_("Ảnh"))
    alt = blocks.CharBlock(
        label=_("Mô tả ảnh cho người không nhìn thấy"),
        max_length=200,
        help_text=_("Bắt buộc: nói ảnh cho thấy điều gì, ví dụ “Nút Đăng nhập ở cuối màn hình”."),
    )
    caption = blocks.CharBlock(label=_("Chú thích"), max_length=200, required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        label = _("Ảnh")
        description = _("Một ảnh có mô tả; trang tự tạo các cỡ WebP nhẹ cho điện thoại.")
        preview_value = {"alt": "Màn hình đăng nhập VNeID", "caption": "Màn hình đăng nhập"}


YOUTUBE_ID = re.compile(
    r"^https://(?:www\.|m\.)?(?:youtube\.com/watch\?v=|youtu\.be/|youtube\.com/embed/)"
    r"(?P<id>[A-Za-z0-9_-]{11})"
)


class VideoBlock(blocks.StructBlock):
    """A YouTube video shown through youtube-nocookie.com, loaded only when scrolled to."""

    url = blocks.URLBlock(
        label=_("Địa chỉ video YouTube"),
        help_text=_("Ví dụ https://www.youtube.com/watch?v=…"),
    )
    title = blocks.CharBlock(label=_("Tên video"), max_length=150)
    minutes = blocks.IntegerBlock(label=_("Độ dài (phút)"), min_value=1, required=False)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"
        label = _("Video")
        description = _("Video YouTube nhúng vào bài, chỉ tải khi người học cuộn tới.")
        preview_value = {
            "url": "https://www.youtube.com/watch?v=aaaaaaaaaaa",
            "title": "Hướng dẫn cài đặt VNeID",
            "minutes": 3,
        }

    def clean(self, value):
        value = super().clean(value)
        if not YOUTUBE_ID.match(value["url"] or ""):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Hãy dán địa chỉ một video YouTube (https://…)."))
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        match = YOUTUBE_ID.match(value["url"] or "")
        context["video_id"] = match.group("id") if match else ""
        return context


class GuideStepBlock(blocks.StructBlock):
    screenshot = ImageChooserBlock(label=_("Ảnh chụp màn hình"), required=False)
    alt = blocks.CharBlock(
        label=_("Mô tả ảnh"),
        max_length=200,
        required=False,
        help_text=_("Bắt buộc khi có ảnh."),
    )
    instruction = blocks.TextBlock(label=_("Việc cần làm"), max_length=300)

    def clean(self, value):
        value = super().clean(value)
        if value.get("screenshot") and not (value.get("alt") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt": ValidationError(_("Ảnh cần có mô tả."))}
            )
        return value


class StepByStepGuideBlock(blocks.StructBlock):
    """Numbered steps, each with a screenshot and a short instruction."""

    title = blocks.CharBlock(label=_("Tên hướng dẫn"), max_length=150)
    steps = blocks.ListBlock(GuideStepBlock(), label=_("Các bước"), min_num=1, max_num=20)

    class Meta:
        icon = "list-ol"
        template = "blocks/step_by_step_guide_block.html"
        label = _("Hướng dẫn từng bước")
        description = _("Các bước đánh số, mỗi bước một ảnh chụp màn hình và một câu hướng dẫn.")
        preview_value = {
            "title": "Cài đặt ứng dụng VNeID",
            "steps": [
                {"instruction": "Mở CH Play hoặc App Store, tìm “VNeID”."},
                {"instruction": "Chọn “Cài đặt” và chờ tải xong."},
            ],
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại"),
        choices=[
            ("tip", _("Mẹo")),
            ("warning", _("Cảnh báo")),
            ("remember", _("Ghi nhớ")),
        ],
        default="tip",
    )
    text = blocks.TextBlock(label=_("Nội dung"), max_length=600)

    class Meta:
        icon = "warning"
        template = "blocks/callout_block.html"
        label = _("Khung lưu ý")
        description = _("Một mẹo, một cảnh báo hoặc một điều cần ghi nhớ, nổi bật trong bài.")
        preview_value = {"kind": "warning", "text": "Không bao giờ đọc mã OTP cho người khác."}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    label = blocks.CharBlock(label=_("Tên hiển thị"), max_length=150, required=False)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        label = _("Tài liệu tải về")
        description = _("Một tệp để người học tải về, ví dụ mẫu đơn hoặc tài liệu PDF.")
        preview_value = {"label": "Mẫu đơn đăng ký chữ ký số (PDF)"}


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"), max_length=600)
    attribution = blocks.CharBlock(label=_("Nguồn"), max_length=150, required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        label = _("Trích dẫn")
        description = _("Một câu trích từ văn bản hoặc lời của người hướng dẫn.")
        preview_value = {
            "text": "Mỗi người dân có thể tự làm thủ tục hành chính ngay trên điện thoại.",
            "attribution": "Tổ công nghệ số cộng đồng",
        }


class LessonBodyBlock(blocks.StreamBlock):
    rich_text = CleanRichTextBlock()
    image = ImageWithAltBlock()
    video = VideoBlock()
    guide = StepByStepGuideBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
