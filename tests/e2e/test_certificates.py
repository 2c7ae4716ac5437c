"""A learner finishes a course and then: is told on "Khóa học của tôi", opens the certificate,
prints it (print media) and checks it at the address its QR code carries."""

import pytest
from allauth.account.models import EmailAddress

from courses.models import CourseIndexPage
from courses.services import enrollment_create, lesson_complete
from tests.factories import TEST_PASSWORD, UserFactory, course_create

COURSE_TITLE = "Nhận biết tin nhắn lừa đảo"


@pytest.fixture
def almost_done(demo_site):
    """A learner with one lesson left of a short course (the demo's courses are long)."""
    learner = UserFactory(full_name="Nguyễn Thị Ánh Tuyết", email="tuyet@example.com")
    EmailAddress.objects.create(user=learner, email=learner.email, verified=True, primary=True)
    course = course_create(
        index=CourseIndexPage.objects.get(slug="khoa-hoc"),
        title=COURSE_TITLE,
        slug="tin-nhan-lua-dao",
        lessons=2,
    )
    enrollment_create(user=learner, course=course)
    first, last = [page.specific for page in course.get_children().order_by("path")]
    lesson_complete(user=learner, lesson=first)
    return learner, last


def test_learner_finishes_a_course_then_opens_prints_and_verifies_the_certificate(
    watched, almost_done, settings
):
    settings.WAGTAILADMIN_BASE_URL = watched.base_url  # the QR points at this server
    learner, last_lesson = almost_done
    page = watched.page
    watched.goto("/tai-khoan/login/")
    page.fill('input[name="login"]', learner.email)
    page.fill('input[name="password"]', TEST_PASSWORD)
    page.locator('main form button[type="submit"]').first.click()
    page.wait_for_load_state("networkidle")

    watched.goto(last_lesson.url)
    page.get_by_role("button", name="Hoàn thành bài học").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Chúc mừng! Bạn đã hoàn thành cả khóa học.").first.is_visible()

    watched.goto("/hoc/cua-toi/")
    notice = page.locator(".notice", has_text="Bạn đã nhận chứng chỉ")
    assert notice.inner_text().startswith(f"Bạn đã nhận chứng chỉ “{COURSE_TITLE}”.")
    watched.screenshot("my-learning-certificate")
    notice.get_by_role("link", name="Xem và in chứng chỉ").click()
    page.wait_for_load_state("networkidle")

    certificate = page.locator("article.cert")
    assert "Nguyễn Thị Ánh Tuyết" in certificate.inner_text()
    assert COURSE_TITLE in certificate.inner_text()
    assert certificate.locator(".cert-qr svg").count() == 1
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    watched.screenshot("certificate")
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert certificate.is_visible()
    watched.screenshot("certificate-print")
    page.emulate_media(media="screen")

    verify_url = certificate.locator(".cert-qr").get_attribute("data-verify-url")
    assert verify_url.startswith(watched.base_url + "/xac-minh/")
    assert verify_url in certificate.locator(".cert-url").inner_text()
    watched.goto(verify_url.removeprefix(watched.base_url))
    main = page.locator("#main").inner_text()
    assert "Hợp lệ" in main and "Nguyễn Thị Ánh Tuyết" in main and COURSE_TITLE in main
    watched.screenshot("verify")
    watched.assert_clean()
