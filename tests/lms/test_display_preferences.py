"""Display preferences: large text, high contrast and data saver. Each is a cookie set by a
CSRF-exempt POST form in the header's "Tùy chọn hiển thị" menu, and works without JavaScript."""

import io
import re

import pytest
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model

from tests.factories import course_create, course_index_create, lesson_create

pytestmark = pytest.mark.django_db

SWITCHES = [
    ("/giao-dien/co-chu/", "text_size", "large", "text-large"),
    ("/giao-dien/tuong-phan/", "contrast", "high", "contrast-high"),
    ("/giao-dien/tiet-kiem-du-lieu/", "data_saver", "on", "data-saver"),
]


def html_classes(client, path="/") -> set[str]:
    html = client.get(path).content.decode()
    return set(re.search(r'<html lang="[^"]*" class="([^"]*)"', html).group(1).split())


@pytest.fixture
def lesson_with_image(home_page):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), "white").save(buffer, format="PNG")
    image = get_image_model().objects.create(
        title="Màn hình VNeID", file=ImageFile(buffer, name="vneid.png")
    )
    course = course_create(index=course_index_create(home=home_page), lessons=0, slug="vneid")
    return lesson_create(
        course=course,
        title="Cài VNeID",
        slug="cai-vneid",
        body=[
            ("image", {"image": image, "alt": "Nút Cài đặt trên CH Play", "caption": ""}),
            (
                "guide",
                {
                    "title": "Các bước",
                    "steps": [
                        {"screenshot": image, "alt": "Ô tìm kiếm", "instruction": "Mở CH Play."}
                    ],
                },
            ),
        ],
    )


@pytest.mark.parametrize(("url", "cookie", "value", "css_class"), SWITCHES)
def test_each_switch_persists_in_a_cookie_and_turns_off_again(
    client, home_page, url, cookie, value, css_class
):
    response = client.post(url, {"next": "/"})
    assert response.status_code == 302
    assert response.cookies[cookie].value == value
    assert response.cookies[cookie]["max-age"] == 365 * 24 * 3600
    assert response.cookies[cookie]["samesite"] == "Lax"
    assert css_class in html_classes(client)
    client.post(url, {"next": "/"})
    assert css_class not in html_classes(client)


@pytest.mark.parametrize(("url", "cookie", "value", "css_class"), SWITCHES)
def test_switches_refuse_get(client, url, cookie, value, css_class):
    assert client.get(url).status_code == 405


@pytest.mark.parametrize(("url", "cookie", "value", "css_class"), SWITCHES)
def test_switches_never_redirect_to_another_host(client, url, cookie, value, css_class):
    response = client.post(url, {"next": "https://evil.example/"})
    assert response["Location"] == "/"


@pytest.mark.parametrize(("url", "cookie", "value", "css_class"), SWITCHES)
def test_switches_need_no_csrf_token(home_page, url, cookie, value, css_class):
    """They only change how pages look; a token would make anonymous pages uncacheable."""
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(url, {"next": "/"}).status_code == 302


def test_the_three_preferences_combine(client, home_page):
    for url, *_rest in SWITCHES:
        client.post(url, {"next": "/"})
    assert html_classes(client) == {"text-large", "contrast-high", "data-saver"}


def test_a_forged_cookie_value_changes_nothing(client, home_page):
    client.cookies["contrast"] = "<script>"
    client.cookies["data_saver"] = "yes"
    assert html_classes(client) == set()


def test_the_menu_is_in_the_header_with_vietnamese_labels_and_states(client, home_page):
    client.post("/giao-dien/tuong-phan/", {"next": "/"})
    html = client.get("/").content.decode()
    menu = html[html.index('<details class="display-menu">') : html.index("</details>")]
    assert "Tùy chọn hiển thị" in menu
    for label, pressed in (("Chữ lớn", "false"), ("Tương phản cao", "true")):
        assert re.search(rf'aria-pressed="{pressed}">{label}</button>', menu)
    assert 'aria-pressed="false">Tiết kiệm dữ liệu</button>' in menu
    assert "csrfmiddlewaretoken" not in html


def test_the_menu_sends_people_back_to_the_page_they_were_on(client, home_page):
    html = client.get("/?trang=2").content.decode()
    assert '<input type="hidden" name="next" value="/?trang=2">' in html


def test_lesson_images_load_at_once_without_data_saver(client, lesson_with_image):
    html = client.get(lesson_with_image.url).content.decode()
    assert 'class="on-tap"' not in html
    images = re.findall(r"<img [^>]*>", html)
    lesson_images = [tag for tag in images if "srcset=" in tag]
    assert len(lesson_images) == 2
    for tag in lesson_images:
        assert 'loading="lazy"' in tag
        assert re.search(r'width="\d+"', tag) and re.search(r'height="\d+"', tag)
        assert ".webp" in tag


def test_data_saver_puts_every_lesson_image_behind_a_tap(client, lesson_with_image):
    client.post("/giao-dien/tiet-kiem-du-lieu/", {"next": "/"})
    html = client.get(lesson_with_image.url).content.decode()
    assert html.count('<details class="on-tap"><summary>') == 2
    for block in re.findall(r'<details class="on-tap">.*?</details>', html, re.S):
        assert 'loading="lazy"' in block and "srcset=" in block
    outside = re.sub(r'<details class="on-tap">.*?</details>', "", html, flags=re.S)
    assert "srcset=" not in outside
    assert "Xem ảnh" in html and "Xem ảnh minh họa" in html


def test_data_saver_leaves_out_the_decorative_logo(client, home_page):
    assert "img/logo.svg" in client.get("/").content.decode()
    client.post("/giao-dien/tiet-kiem-du-lieu/", {"next": "/"})
    html = client.get("/").content.decode()
    assert "img/logo.svg" not in html
    assert "Học kỹ năng số" in html  # the site's name stays, as text


def test_data_saver_leaves_out_course_covers_in_the_catalogue(client, home_page):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), "white").save(buffer, format="PNG")
    cover = get_image_model().objects.create(title="Bìa", file=ImageFile(buffer, name="b.png"))
    index = course_index_create(home=home_page)
    course_create(index=index, lessons=1, cover=cover, cover_alt="Bìa khóa học")
    assert "course-cover" in client.get(index.url).content.decode()
    client.post("/giao-dien/tiet-kiem-du-lieu/", {"next": "/"})
    assert "course-cover" not in client.get(index.url).content.decode()
