import jwt
import pytest
from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_revoke
from tests.factories import UserFactory, certificate_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(learner, course, template):
    return certificate_create(user=learner, course=course)


def test_owner_sees_the_certificate_with_an_inline_qr(client, learner, certificate):
    client.force_login(learner)
    response = client.get(reverse("certificates:detail", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn Văn An" in html and "<svg" in html
    assert reverse("certificates_verify:detail", args=[certificate.code]) in html


def test_someone_elses_certificate_page_and_pdf_are_404(client, certificate):
    client.force_login(UserFactory())
    assert client.get(reverse("certificates:detail", args=[certificate.code])).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[certificate.code])).status_code == 404


def test_my_certificates_lists_only_mine(client, learner, certificate, course):
    other = certificate_create(user=UserFactory(), course=course)
    client.force_login(learner)
    html = client.get(reverse("certificates:mine")).content.decode()
    assert certificate.code in html and other.code not in html


def test_owner_downloads_a_signed_pdf(client, learner, certificate):
    client.force_login(learner)
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF") and b"/ByteRange" in body


def test_public_check_shows_a_valid_certificate_without_login(client, certificate):
    html = client.get(reverse("certificates_verify:detail", args=[certificate.code])).content
    html = html.decode()
    assert "Hợp lệ" in html and "Nguyễn Văn An" in html and "Chữ ký số chuyên dùng" in html


def test_public_check_accepts_a_code_typed_loosely(client, certificate):
    typed = certificate.code.lower().replace("-", " ")
    response = client.get(reverse("certificates_verify:form"), {"ma": typed})
    assert response.url == reverse("certificates_verify:detail", args=[certificate.code])


def test_every_wrong_code_gets_the_same_page(client, certificate):
    wrong_format = client.get(reverse("certificates_verify:detail", args=["XYZ"]))
    unknown = client.get(reverse("certificates_verify:detail", args=["A" * 32]))
    assert wrong_format.status_code == unknown.status_code == 404
    # The pages differ only where they echo the address (the language switch's "next").
    assert wrong_format.content.replace(b"XYZ", b"") == unknown.content.replace(b"A" * 32, b"")


def test_revocation_shows_on_the_check_page_pdf_and_credential(client, learner, certificate):
    certificate_revoke(certificate=certificate, reason="Thi hộ", by=UserFactory())
    check = client.get(reverse("certificates_verify:detail", args=[certificate.code]))
    assert "Đã thu hồi" in check.content.decode() and "Thi hộ" in check.content.decode()
    badge = client.get(reverse("certificates_verify:openbadge", args=[certificate.code]))
    assert badge.status_code == 410 and badge.json()["revoked"] is True
    client.force_login(learner)
    pdf = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert pdf.status_code == 410


def test_guessing_codes_is_rate_limited_in_vietnamese(client, settings, certificate):
    settings.CERTIFICATE_VERIFY_RATE = (3, 60)
    for _ in range(3):
        client.get(reverse("certificates_verify:detail", args=["B" * 32]))
    response = client.get(reverse("certificates_verify:detail", args=[certificate.code]))
    assert response.status_code == 429
    assert "quá nhiều" in response.content.decode()


def test_open_badge_vc_jwt_verifies_with_the_published_jwks(client, certificate):
    jwks = client.get(reverse("certificates_verify:jwks")).json()
    token = client.get(
        reverse("certificates_verify:openbadge", args=[certificate.code]), {"dang": "jwt"}
    ).content.decode()
    header = jwt.get_unverified_header(token)
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    claims = jwt.decode(token, jwt.PyJWK(key).key, algorithms=["EdDSA"])
    assert "OpenBadgeCredential" in claims["type"]
    assert claims["credentialSubject"]["achievement"]["name"] == "Chữ ký số chuyên dùng"
    assert claims["iss"] == claims["issuer"]["id"] and claims["jti"] == claims["id"]
    plain = client.get(reverse("certificates_verify:openbadge", args=[certificate.code])).json()
    # The JSON is the signed payload without the JWT's registered claims.
    assert plain == {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf")}


def test_tampered_open_badge_is_rejected(client, certificate):
    jwks = client.get(reverse("certificates_verify:jwks")).json()
    token = client.get(
        reverse("certificates_verify:openbadge", args=[certificate.code]), {"dang": "jwt"}
    ).content.decode()
    header, payload, signature = token.split(".")
    claims = jwt.decode(token, options={"verify_signature": False})
    claims["credentialSubject"]["achievement"]["name"] = "Khóa học khác"
    forged_payload = jwt.utils.base64url_encode(jwt.api_jws.json.dumps(claims).encode()).decode()
    forged = f"{header}.{forged_payload}.{signature}"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(forged, jwt.PyJWK(jwks["keys"][0]).key, algorithms=["EdDSA"])


def test_admin_revokes_with_a_reason(client, certificate):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    empty = client.post(url, {"reason": ""})
    assert empty.status_code == 200
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None
    done = client.post(url, {"reason": "Cấp nhầm người"})
    assert done.status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).revoke_reason == "Cấp nhầm người"


def test_learner_cannot_revoke(client, learner, certificate):
    client.force_login(learner)
    url = reverse("certificates_admin:revoke", args=[certificate.pk])
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 302  # no admin access: sent to log in, nothing changes
    assert response["Location"].startswith("/tai-khoan/login/")
    assert Certificate.objects.get(pk=certificate.pk).revoked_at is None


def test_admin_lists_issued_certificates_and_previews_a_template(client, certificate, template):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("certificates_certificate:index")).status_code == 200
    url = reverse(
        "wagtailsnippets_certificates_certificatetemplate:preview_on_edit", args=[template.pk]
    )
    edit_url = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk])
    form = client.get(edit_url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data["body"] = "Xem trước: {ho_ten} đã hoàn thành {khoa_hoc}."
    data["courses"] = [str(pk) for pk in data.get("courses") or []]
    assert client.post(url, data).json()["is_valid"] is True
    preview = client.get(url)
    assert preview.status_code == 200
    assert "Xem trước:" in preview.content.decode()


def test_the_cached_pdf_is_stored_under_a_name_the_public_code_does_not_give_away(
    client, learner, certificate, settings
):
    client.force_login(learner)
    client.get(reverse("certificates:pdf", args=[certificate.code]))
    certificate.refresh_from_db()
    assert certificate.pdf.name.endswith(".pdf")
    assert certificate.code not in certificate.pdf.name
    assert certificate.code.replace("-", "") not in certificate.pdf.name.replace("-", "")


def test_someone_elses_pdf_stays_404_once_it_is_cached(client, learner, certificate):
    client.force_login(learner)
    client.get(reverse("certificates:pdf", args=[certificate.code]))  # cached now
    client.force_login(UserFactory())
    assert client.get(reverse("certificates:pdf", args=[certificate.code])).status_code == 404
    client.logout()
    response = client.get(reverse("certificates:pdf", args=[certificate.code]))
    assert response.status_code == 302 and "/tai-khoan/login/" in response["Location"]


def test_when_rate_limited_a_real_and_a_wrong_code_get_the_same_answer(
    client, settings, certificate
):
    settings.CERTIFICATE_VERIFY_RATE = (2, 60)
    for _ in range(2):
        client.get(reverse("certificates_verify:detail", args=["C" * 32]))
    real = client.get(reverse("certificates_verify:detail", args=[certificate.code]))
    wrong = client.get(reverse("certificates_verify:detail", args=["D" * 32]))
    assert real.status_code == wrong.status_code == 429
    assert real.content.replace(certificate.code.encode(), b"") == wrong.content.replace(
        b"D" * 32, b""
    )
    badge = client.get(reverse("certificates_verify:openbadge", args=[certificate.code]))
    assert badge.status_code == 429 and "revoked" not in badge.json()


def test_the_admin_form_names_a_broken_placeholder_and_saves_nothing(client, template):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    edit_url = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk])
    form = client.get(edit_url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: ("on" if v is True else v) for k, v in data.items() if v is not False}
    data["courses"] = [str(pk) for pk in data.get("courses") or []]
    before = template.body
    data["body"] = "Trao cho {ho_ten} vì {thanh_tich}."
    response = client.post(edit_url, data)
    assert response.status_code == 200
    assert "{thanh_tich}" in response.content.decode()
    template.refresh_from_db()
    assert template.body == before


def test_a_revoked_certificates_own_page_says_so_and_offers_no_pdf(client, learner, certificate):
    certificate_revoke(certificate=certificate, reason="Thi hộ", by=UserFactory())
    client.force_login(learner)
    html = client.get(reverse("certificates:detail", args=[certificate.code])).content.decode()
    assert "đã bị thu hồi" in html and "Thi hộ" in html
    assert reverse("certificates:pdf", args=[certificate.code]) not in html
    mine = client.get(reverse("certificates:mine")).content.decode()
    assert "Đã thu hồi" in mine
    assert reverse("certificates:pdf", args=[certificate.code]) not in mine


def test_revoking_drops_the_cached_pdf(client, learner, certificate):
    client.force_login(learner)
    client.get(reverse("certificates:pdf", args=[certificate.code]))
    certificate.refresh_from_db()
    assert certificate.pdf
    certificate_revoke(certificate=certificate, reason="Cấp nhầm", by=UserFactory())
    certificate.refresh_from_db()
    assert not certificate.pdf
