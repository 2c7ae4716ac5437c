"""Demo courses: the catalogue, three courses in Vietnamese with step-by-step guides whose
screenshots are drawn here with Pillow, and enrolments and progress for the demo learner.
Idempotent: a second run finds everything in place and changes nothing."""

import datetime
import io
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Site

from people.models import User

from .demo_content import COURSES
from .models import (
    CourseCompetence,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    EnrollmentSource,
    LessonPage,
)
from .services import enrollment_create, lesson_complete

FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
]
BRAND = (11, 83, 148)
INK = (27, 31, 36)


def _font(size: int):
    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def phone_screen(*, title: str, button: str, instruction: str, number: int) -> bytes:
    """A simple, clear phone mock-up: a title bar, the instruction, one highlighted button."""
    width, height = 360, 640
    image = PILImage.new("RGB", (width, height), (230, 234, 238))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, width - 8, height - 8), radius=36, fill=INK)
    draw.rounded_rectangle((20, 44, width - 20, height - 44), radius=12, fill=(255, 255, 255))
    draw.rounded_rectangle((140, 22, 220, 30), radius=4, fill=(70, 76, 84))
    draw.rectangle((20, 44, width - 20, 104), fill=BRAND)
    draw.text((36, 60), title[:24], font=_font(22), fill=(255, 255, 255))
    body = _font(17)
    y = 130
    for line in _wrap(draw, instruction, body, width - 80)[:6]:
        draw.text((40, y), line, font=body, fill=INK)
        y += 26
    for row in range(3):
        top = y + 24 + row * 46
        draw.rounded_rectangle((40, top, width - 40, top + 30), radius=6, fill=(238, 241, 244))
    button_top = height - 190
    draw.rounded_rectangle(
        (34, button_top - 6, width - 34, button_top + 62),
        radius=16,
        outline=(255, 191, 71),
        width=5,
    )
    draw.rounded_rectangle((40, button_top, width - 40, button_top + 56), radius=12, fill=BRAND)
    label_font = _font(20)
    label = button[:26]
    label_width = draw.textlength(label, font=label_font)
    draw.text(((width - label_width) / 2, button_top + 15), label, font=label_font, fill="white")
    draw.ellipse((width - 84, button_top - 44, width - 44, button_top - 4), fill=(179, 38, 30))
    draw.text((width - 70, button_top - 37), str(number), font=_font(20), fill="white")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def drawn_screen_image(*, image_title: str, filename: str, **screen):
    """A Wagtail image of a drawn phone screen (see phone_screen), made once per title."""
    image_model = get_image_model()
    existing = image_model.objects.filter(title=image_title).first()
    if existing:
        return existing
    image = image_model(title=image_title)
    image.file = ImageFile(io.BytesIO(phone_screen(**screen)), name=filename)
    image.save()
    return image


def _screenshot(*, key: str, **screen):
    return drawn_screen_image(image_title=f"Minh họa: {key}", filename=f"{key}.png", **screen)


def _lesson_body(course_slug: str, lesson: dict) -> list:
    guide_title, steps = lesson["guide"]
    guide_steps = []
    for number, (instruction, screen, button) in enumerate(steps, start=1):
        image = _screenshot(
            key=f"{course_slug}-{lesson['slug']}-{number}",
            title=screen,
            button=button,
            instruction=instruction,
            number=number,
        )
        guide_steps.append(
            {
                "screenshot": image,
                "alt": f"Màn hình “{screen}”, nút “{button}” được khoanh vàng",
                "instruction": instruction,
            }
        )
    kind, text = lesson["callout"]
    return [
        ("rich_text", lesson["intro"]),
        ("guide", {"title": guide_title, "steps": guide_steps}),
        ("callout", {"kind": kind, "text": text}),
    ]


def _catalogue(home) -> CourseIndexPage:
    existing = CourseIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = CourseIndexPage(
        title="Khóa học",
        slug="khoa-hoc",
        show_in_menus=True,
        intro=(
            "Các khóa học ngắn, miễn phí, học trên điện thoại: chữ ký số, dịch vụ công trực "
            "tuyến, VNeID và an toàn thông tin. Tìm theo tên, chủ đề hoặc đối tượng."
        ),
    )
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def _course(index: CourseIndexPage, spec: dict) -> CoursePage:
    course = CoursePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if course is None:
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            outcomes=spec["outcomes"],
            topic=spec["topic"],
            audiences=spec["audiences"],
            estimated_minutes=spec["minutes"],
            enrolment_mode=spec["enrolment_mode"],
            certificate_note=spec["certificate"],
        )
        index.refresh_from_db()
        index.add_child(instance=course)
        course.save_revision().publish()
    for lesson_spec in spec["lessons"]:
        if LessonPage.objects.child_of(course).filter(slug=lesson_spec["slug"]).exists():
            continue
        lesson = LessonPage(
            title=lesson_spec["title"],
            slug=lesson_spec["slug"],
            estimated_minutes=10,
            body=_lesson_body(spec["slug"], lesson_spec),
        )
        course.refresh_from_db()
        course.add_child(instance=lesson)
        lesson.save_revision().publish()
    return course


def _feature_on_home(home, index: CourseIndexPage, courses: list[CoursePage]) -> None:
    from lms.models import HomePageFeaturedCourse

    if not home.featured_courses.exists():
        for order, course in enumerate(courses):
            HomePageFeaturedCourse.objects.create(page=home, course=course, sort_order=order)
    if home.hero_cta_page_id is None:
        home.hero_cta_page = index
        home.save_revision().publish()


def _learner_activity(courses: dict[str, CoursePage]) -> None:
    learner = User.objects.filter(email__iexact="hocvien@example.com").first()
    manager = User.objects.filter(email__iexact="quanly@example.com").first()
    if learner is None or Enrollment.objects.filter(user=learner).exists():
        return
    today = timezone.localdate()
    safety = courses["an-toan-thong-tin"]
    enrollment_create(user=learner, course=safety)
    for lesson in LessonPage.objects.child_of(safety).live().order_by("path")[:2]:
        lesson_complete(user=learner, lesson=lesson)
    enrollment_create(
        user=learner,
        course=courses["dich-vu-cong-vneid"],
        source=EnrollmentSource.ASSIGNED,
        assigned_by=manager,
        due_on=today + datetime.timedelta(days=14),
    )
    enrollment_create(
        user=learner,
        course=courses["chu-ky-so-chuyen-dung"],
        source=EnrollmentSource.ASSIGNED,
        assigned_by=manager,
        due_on=today - datetime.timedelta(days=3),
    )


# The competences of the learners' framework (Circular 02/2025) each demo course aims at.
TARGETED_COMPETENCES = {
    "chu-ky-so-chuyen-dung": [("2.6", 3), ("4.1", 3), ("4.2", 3)],
    "dich-vu-cong-vneid": [("2.3", 2), ("2.6", 2), ("1.1", 2)],
    "an-toan-thong-tin": [("4.1", 2), ("4.2", 2), ("4.3", 2), ("1.2", 2)],
}


def _target_competences(course: CoursePage) -> None:
    from competencies.models import Competence

    wanted = TARGETED_COMPETENCES.get(course.slug, [])
    if not wanted or course.targeted_competences.exists():
        return
    by_code = {
        c.code: c
        for c in Competence.objects.filter(
            area__framework__is_primary=True, code__in=[code for code, _level in wanted]
        )
    }
    for order, (code, level) in enumerate(wanted):
        if code in by_code:
            CourseCompetence.objects.create(
                course=course, competence=by_code[code], target_level=level, sort_order=order
            )


@transaction.atomic
def seed() -> CourseIndexPage | None:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return None
    home = site.root_page.specific
    index = _catalogue(home)
    courses = {spec["slug"]: _course(index, spec) for spec in COURSES}
    for course in courses.values():
        _target_competences(course)
    _feature_on_home(home, index, list(courses.values()))
    _learner_activity(courses)
    return index
