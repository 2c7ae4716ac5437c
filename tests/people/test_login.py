"""Logging in: e-mail, phone or username with a password, or a one-time SMS code; throttling;
other sessions end on a password change; staff need a second factor before /admin/."""

import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.test import Client, override_settings
from django.urls import reverse

from people.models import UnitRole
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/tai-khoan/login/"


def verified_user(**kwargs):
    user = UserFactory(**kwargs)
    if user.email:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def logged_in(client):
    return "_auth_user_id" in client.session


def test_login_page_is_in_vietnamese(client):
    html = client.get(LOGIN).content.decode()
    assert "Đăng nhập" in html
    assert "Sign In" not in html
    assert "Gửi mã đăng nhập cho tôi" in html


def test_login_with_email_and_password(client):
    verified_user(email="lan@example.com")
    response = client.post(LOGIN, {"login": "lan@example.com", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert logged_in(client)


def test_login_with_phone_typed_the_vietnamese_way(client):
    verified_user(email="", phone="+84912345678", phone_verified=True)
    response = client.post(LOGIN, {"login": "0912 345 678", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert logged_in(client)


def test_login_with_username_from_a_login_card(client):
    verified_user(username="nguyenvanba", email="")
    response = client.post(LOGIN, {"login": "nguyenvanba", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert logged_in(client)


def test_wrong_password_says_so_in_vietnamese(client):
    verified_user(email="lan@example.com")
    response = client.post(LOGIN, {"login": "lan@example.com", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "không đúng" in response.content.decode()
    assert not logged_in(client)


def test_eleventh_wrong_password_in_a_minute_is_throttled_with_a_vietnamese_message(client):
    for n in range(10):
        verified_user(email=f"nguoi{n}@example.com")
        response = client.post(LOGIN, {"login": f"nguoi{n}@example.com", "password": "sai"})
        assert "đợi 5 phút" not in response.content.decode()
    user = verified_user(email="lan@example.com")
    response = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "Vui lòng đợi 5 phút rồi thử lại" in response.content.decode()
    assert not logged_in(client)


def test_sixth_wrong_password_for_one_account_is_throttled_even_with_the_right_one(client):
    user = verified_user(email="lan@example.com")
    for _ in range(5):
        client.post(LOGIN, {"login": user.email, "password": "sai"})
    response = client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert "Vui lòng đợi 5 phút rồi thử lại" in response.content.decode()


def test_login_by_sms_code(client, sms_outbox):
    verified_user(email="", phone="+84912345678", phone_verified=True)
    response = client.post(reverse("account_request_login_code"), {"phone": "0912 345 678"})
    assert response.status_code == 302
    code = re.search(r"là (\d{6})\.", sms_outbox[-1].message).group(1)
    response = client.post(reverse("account_confirm_login_code"), {"code": code})
    assert response.status_code == 302
    assert logged_in(client)


def test_login_code_for_an_unknown_phone_reveals_nothing(client, sms_outbox):
    response = client.post(reverse("account_request_login_code"), {"phone": "0912 000 000"})
    assert response.status_code == 302
    assert response.url == reverse("account_confirm_login_code")
    assert "chưa có tài khoản" in sms_outbox[-1].message


def test_password_reset_for_an_unknown_email_reveals_nothing(client):
    response = client.post(reverse("account_reset_password"), {"email": "khong@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("account_reset_password_done")


def test_changing_the_password_ends_other_sessions_but_not_this_one(client):
    user = verified_user(email="lan@example.com")
    other = Client()
    other.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    client.post(LOGIN, {"login": user.email, "password": TEST_PASSWORD})
    assert logged_in(other)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": TEST_PASSWORD,
            "password1": "ruong-lua-moi-2026",
            "password2": "ruong-lua-moi-2026",
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("account_email")).status_code == 200
    assert other.get(reverse("account_email")).status_code == 302  # sent to log in


def test_changing_the_email_asks_for_the_password_again_after_a_while(client):
    user = verified_user(email="lan@example.com")
    client.force_login(user)  # no fresh authentication record in this session
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "lan2@example.com"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_editor_without_authenticator_is_sent_to_set_one_up_before_admin(client):
    editor = verified_user(email="bientap@example.com", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_manager_without_authenticator_is_sent_to_set_one_up(client, tree):
    manager = verified_user(email="quanly@example.com")
    UnitRole.objects.create(user=manager, unit=tree["a"], role="manager")
    client.force_login(manager)
    assert client.get("/admin/").url == reverse("mfa_activate_totp")


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_staff_with_authenticator_reaches_admin(client):
    admin = verified_user(email="quantri@example.com", is_staff=True, is_superuser=True)
    Authenticator.objects.create(user=admin, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200


@override_settings(MFA_REQUIRED_FOR_STAFF=True)
def test_learners_are_not_asked_for_a_second_factor(client):
    client.force_login(verified_user(email="lan@example.com"))
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/").url != reverse("mfa_activate_totp")


@override_settings(MFA_REQUIRED_FOR_STAFF=False)
def test_demo_setting_off_lets_staff_in_without_a_second_factor(client):
    client.force_login(verified_user(email="quantri@example.com", is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith(LOGIN)
