"""Sign-up: full name, e-mail or phone, password, audience and unit; bad input by name."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from people.models import LearnerProfile, Membership, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = "/tai-khoan/signup/"


def signup_data(unit, **overrides):
    data = {
        "full_name": "Nguyễn Văn Ba",
        "phone": "0912 345 678",
        "email": "",
        "password1": "ruong-lua-xanh-2026",
        "password2": "ruong-lua-xanh-2026",
        "audience": "team_member",
        "unit": str(unit.pk),
    }
    data.update(overrides)
    return data


def field_errors(response, field):
    return [str(e) for e in response.context["form"].errors.get(field, [])]


def test_signup_page_is_in_vietnamese_with_units_grouped_by_commune(client, tree):
    response = client.get(SIGNUP)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Đăng ký" in html
    assert '<optgroup label="Xã Long Phước">' in html
    assert "Tổ ấp Bến Cam" in html


def test_signup_by_phone_creates_profile_membership_and_sends_a_code(client, tree, sms_outbox):
    response = client.post(SIGNUP, signup_data(tree["a1"]))
    assert response.status_code == 302
    assert response.url == reverse("account_verify_phone")
    user = User.objects.get(phone="+84912345678")
    assert user.full_name == "Nguyễn Văn Ba"
    assert user.username.startswith("nguyenvanba")
    assert not user.phone_verified
    assert LearnerProfile.objects.get(user=user).audience == "team_member"
    assert Membership.objects.current().get(user=user).unit == tree["a1"]
    assert len(sms_outbox) == 1 and sms_outbox[0].phone == "+84912345678"
    code = re.search(r"là (\d{6})\.", sms_outbox[0].message).group(1)

    response = client.post(reverse("account_verify_phone"), {"code": code})
    user.refresh_from_db()
    assert user.phone_verified
    assert response.status_code == 302


def test_signup_by_email_requires_verifying_the_email(client, tree):
    response = client.post(SIGNUP, signup_data(tree["a1"], phone="", email="ba@example.com"))
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert not EmailAddress.objects.get(email="ba@example.com").verified
    assert len(mail.outbox) == 1
    # Not logged in until the address is confirmed.
    assert "_auth_user_id" not in client.session


def test_email_account_cannot_log_in_before_verifying(client, tree):
    client.post(SIGNUP, signup_data(tree["a1"], phone="", email="ba@example.com"))
    client.logout()
    response = client.post(
        "/tai-khoan/login/", {"login": "ba@example.com", "password": "ruong-lua-xanh-2026"}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session


def test_signup_without_email_or_phone_is_refused(client, tree):
    response = client.post(SIGNUP, signup_data(tree["a1"], phone="", email=""))
    assert response.status_code == 200
    assert field_errors(response, "phone") == [
        "Nhập số điện thoại hoặc e-mail (ít nhất một trong hai)."
    ]


def test_signup_with_taken_phone_says_so_on_the_field(client, tree):
    UserFactory(phone="+84912345678")
    response = client.post(SIGNUP, signup_data(tree["a1"]))
    assert response.status_code == 200
    assert "Số điện thoại này đã có tài khoản" in field_errors(response, "phone")[0]
    assert User.objects.filter(phone="+84912345678").count() == 1


def test_signup_with_taken_email_says_so_on_the_field(client, tree):
    UserFactory(email="ba@example.com")
    response = client.post(SIGNUP, signup_data(tree["a1"], phone="", email="BA@example.com"))
    assert response.status_code == 200
    assert "E-mail này đã có tài khoản" in field_errors(response, "email")[0]


def test_signup_with_malformed_phone_says_how_to_write_it(client, tree):
    response = client.post(SIGNUP, signup_data(tree["a1"], phone="12345"))
    assert response.status_code == 200
    assert field_errors(response, "phone")[0].startswith("Số điện thoại không hợp lệ")


def test_signup_with_weak_password_is_refused_in_vietnamese(client, tree):
    response = client.post(
        SIGNUP, signup_data(tree["a1"], password1="12345678", password2="12345678")
    )
    assert response.status_code == 200
    errors = " ".join(field_errors(response, "password1"))
    assert "quá phổ biến" in errors or "toàn bộ là số" in errors


def test_signup_with_a_unit_that_does_not_exist_is_refused(client, tree):
    response = client.post(SIGNUP, {**signup_data(tree["a1"]), "unit": "999999"})
    assert response.status_code == 200
    assert field_errors(response, "unit") == [
        "Đơn vị bạn chọn không có trong danh sách. Hãy chọn lại."
    ]
    response = client.post(SIGNUP, {**signup_data(tree["a1"]), "unit": "abc"})
    assert field_errors(response, "unit") == [
        "Đơn vị bạn chọn không có trong danh sách. Hãy chọn lại."
    ]
    assert not User.objects.exists()


def test_signup_into_a_merged_unit_is_refused(client, tree):
    tree["a2"].merged_into = tree["a1"]
    tree["a2"].save()
    response = client.post(SIGNUP, signup_data(tree["a2"]))
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors


def test_a_second_code_for_the_same_phone_within_30_seconds_is_a_429_not_a_500(
    client, tree, sms_outbox
):
    client.post(SIGNUP, signup_data(tree["a1"]))
    User.objects.all().delete()  # the number is free again, its rate limit is not
    other = client.__class__()
    response = other.post(SIGNUP, signup_data(tree["a1"]))
    assert response.status_code == 429
    assert "Bạn thao tác quá nhanh" in response.content.decode()
