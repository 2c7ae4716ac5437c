"""A learner signs up with a phone number, verifies it with the SMS code from the dev sender,
logs out and logs in again: each page screenshotted at phone and desktop size."""

import re

import pytest

from people import sms


@pytest.fixture
def outbox(settings):
    from django.core.cache import cache

    settings.SMS_BACKEND = "people.sms.MemorySmsSender"
    sms.outbox.clear()
    cache.clear()  # rate limits (one code per phone per 30 s) outlive the flushed database
    yield sms.outbox
    sms.outbox.clear()


def test_sign_up_by_phone_verify_log_out_log_in(watched, outbox):
    page = watched.page
    watched.goto("/tai-khoan/signup/")
    watched.screenshot("signup-phone-form")
    page.get_by_label("Họ và tên").fill("Lê Thị Mai")
    page.get_by_label("Số điện thoại (không bắt buộc nếu có e-mail)").fill("0912 345 678")
    page.get_by_label("Mật khẩu:", exact=True).fill("ruong-lua-xanh-2026")
    page.get_by_label("Nhập lại mật khẩu").fill("ruong-lua-xanh-2026")
    page.get_by_label("Người dân").check()
    page.get_by_label("Đơn vị (xã, phường, tổ công nghệ số)").select_option(
        label="\u00a0\u00a0Tổ CNSCĐ ấp Bến Cam"
    )
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_load_state("networkidle")
    assert "/tai-khoan/phone/verify/" in page.url
    assert "Đã gửi mã xác minh tới +84912345678" in page.content()
    watched.screenshot("signup-phone-verify")

    code = re.search(r"là (\d{6})\.", outbox[-1].message).group(1)
    page.get_by_label("Mã").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert "Bạn đã xác minh số điện thoại +84912345678" in page.content()
    assert "Xin chào, Lê Thị Mai" in page.content()
    watched.screenshot("signup-phone-verified")

    page.get_by_role("link", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")
    watched.screenshot("signup-phone-logout")
    page.locator("main").get_by_role("button", name="Đăng xuất").click()
    page.wait_for_load_state("networkidle")
    assert "Bạn đã đăng xuất" in page.content()

    watched.goto("/tai-khoan/login/")
    page.get_by_label("E-mail, số điện thoại hoặc tên đăng nhập").fill("0912 345 678")
    page.get_by_label("Mật khẩu:", exact=True).fill("ruong-lua-xanh-2026")
    watched.screenshot("signup-phone-login")
    page.locator("main").get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state("networkidle")
    assert "Xin chào, Lê Thị Mai" in page.content()
    watched.assert_clean()


def test_login_by_sms_code(watched, outbox):
    from people.models import User

    User.objects.filter(username="hocvien").update(phone="+84911111111", phone_verified=True)
    page = watched.page
    watched.goto("/tai-khoan/login/")
    page.get_by_role("link", name="Gửi mã đăng nhập cho tôi").click()
    page.wait_for_load_state("networkidle")
    page.get_by_label("Số điện thoại").fill("0911 111 111")
    watched.screenshot("login-code-request")
    page.locator("main").get_by_role("button", name="Gửi mã").click()
    page.wait_for_load_state("networkidle")
    code = re.search(r"là (\d{6})\.", outbox[-1].message).group(1)
    page.get_by_label("Mã").fill(code)
    watched.screenshot("login-code-confirm")
    page.locator("main").get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state("networkidle")
    assert "Xin chào, Nguyễn Thị Lan" in page.content()
    watched.assert_clean()
