"""Vietnamese for the Wagtail admin: the Wagtail section of locale/vi/LC_MESSAGES/django.po
holds Wagtail's own msgids with their placeholders and markup kept, and the admin chrome that
managers and editors see every day reads Vietnamese."""

import json
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
import wagtail
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import override_settings
from django.urls import reverse

from lms.admin_chrome import memo
from people.models import UnitRole
from tests.factories import UserFactory, unit_create

CATALOGUE = Path(settings.BASE_DIR, "locale", "vi", "LC_MESSAGES", "django.po")
SECTION_MARK = "Wagtail admin ("  # the comment that opens the Wagtail section
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")
TAG = re.compile(r"</?[a-z]+\b")
# English chrome of every admin page (and of a filtered listing) → what it now reads.
CHROME = {
    "Skip to main content": "Bỏ qua, tới nội dung chính",
    "Keyboard shortcuts": "Phím tắt",
    "Toggle sidebar": "Ẩn/hiện thanh bên",
    "Close dialog": "Đóng hộp thoại",
}
FILTERS = {"Show filters": "Hiện bộ lọc", "Filter by": "Lọc theo"}


def catalogue() -> polib.POFile:
    return polib.pofile(str(CATALOGUE))


def wagtail_section() -> list[polib.POEntry]:
    entries = list(catalogue())
    start = next(i for i, entry in enumerate(entries) if SECTION_MARK in (entry.tcomment or ""))
    return entries[start:]


def wagtails_msgids() -> dict:
    """(msgctxt, msgid) → msgid_plural, from Wagtail's complete French catalogues (the same
    msgids as the English source)."""
    found = {}
    for path in Path(wagtail.__file__).parent.glob("**/locale/fr/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if not entry.obsolete:
                found[(entry.msgctxt, entry.msgid)] = entry.msgid_plural
    return found


def translations(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def test_the_wagtail_section_is_there():
    assert len(wagtail_section()) >= 150


def test_no_msgid_is_written_twice():
    counts = Counter((entry.msgctxt, entry.msgid) for entry in catalogue())
    assert [key for key, count in counts.items() if count > 1] == []


def test_every_msgid_is_wagtails_own():
    wagtails = wagtails_msgids()
    unknown = [
        entry.msgid
        for entry in wagtail_section()
        if (entry.msgctxt, entry.msgid) not in wagtails
        or wagtails[(entry.msgctxt, entry.msgid)] != entry.msgid_plural
    ]
    assert unknown == []


def test_every_msgstr_is_written_with_one_plural_form():
    for entry in wagtail_section():
        assert all(text.strip() for text in translations(entry)), entry.msgid
        if entry.msgid_plural:  # Vietnamese: nplurals=1
            assert list(entry.msgstr_plural) == [0], entry.msgid


def test_placeholders_and_markup_survive_translation():
    for entry in wagtail_section():
        source = entry.msgid + entry.msgid_plural
        for text in translations(entry):
            # every placeholder of the msgid (and, with one plural form, of the plural) is
            # there, and no other one: an unknown name would fail when it is filled in
            assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(source)), entry.msgid
            assert sorted(TAG.findall(text)) == sorted(TAG.findall(entry.msgid)), entry.msgid


@pytest.fixture(autouse=True)
def empty_chrome_memo():
    memo.clear()  # the sidebar and shortcuts dialog are kept per process (lms.admin_chrome)
    yield
    memo.clear()


@pytest.fixture
def compiled():
    mo = CATALOGUE.with_suffix(".mo")
    assert mo.exists() and mo.stat().st_mtime >= CATALOGUE.stat().st_mtime, (
        "locale/vi is not compiled: run `python manage.py compile_translations`"
    )


def with_authenticator(user):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    return user


def admin_page(client, user, path) -> str:
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200, path
    html = response.content.decode()
    assert '<html lang="vi"' in html
    return html


def sidebar_text(html: str) -> str:
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html
    )
    return json.dumps(json.loads(found.group(1)), ensure_ascii=False)


@pytest.mark.django_db
@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_a_managers_report_page_reads_vietnamese(client, compiled):
    province = unit_create(name="Tỉnh thử", code="P", kind="province")
    commune = unit_create(name="Xã A", code="A", parent=province)
    manager = with_authenticator(UserFactory(full_name="Quản lý xã A"))
    manager.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    UnitRole.objects.create(user=manager, unit=commune, role="manager")
    html = admin_page(client, manager, reverse("reports_completion"))
    for english, vietnamese in {**CHROME, **FILTERS}.items():
        assert english not in html
        assert vietnamese in html
    # Wagtail writes this label in English in its template (ours overrides it).
    assert 'aria-label="Actions"' not in html and 'aria-label="Thao tác"' in html
    assert "Đăng xuất" in sidebar_text(html) and "Log out" not in sidebar_text(html)


@pytest.mark.django_db
@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_an_administrators_dashboard_reads_vietnamese(client, home_page, compiled):
    admin = with_authenticator(UserFactory(is_staff=True, is_superuser=True))
    html = admin_page(client, admin, reverse("wagtailadmin_home"))
    for english, vietnamese in CHROME.items():
        assert english not in html
        assert vietnamese in html
    assert "0 Images" not in html and "0 hình ảnh" in html  # the site summary
    menu = sidebar_text(html)
    for english, vietnamese in {
        "Settings": "Cài đặt",  # Wagtail's own vi says "Tùy chỉnh"
        "Reports": "Báo cáo nội dung",  # beside our own "Báo cáo" menu
        "Site history": "Nhật ký hoạt động",
        "Images": "Hình ảnh",
        "Documents": "Tài liệu",
        "Help": "Trợ giúp",
        "Log out": "Đăng xuất",
    }.items():
        assert f'"{english}"' not in menu
        assert f'"{vietnamese}"' in menu
