"""The learner's certificates and the public verification pages (thin: reads and rendering)."""

from allauth.core.internal.httpkit import get_client_ip
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from people.qr import qr_svg

from .badges import (
    credential_for,
    credential_jwt,
    credential_status_for,
    issuer_did_document,
    status_list_jwt,
)
from .badges import issuer_jwks as jwks_document
from .codes import code_normalize
from .selectors import (
    certificate_of_owner,
    certificate_public,
    certificate_view_for,
    certificates_of,
    verify_url,
)
from .status import LIST_TTL, status_list_exists
from .tasks import certificate_pdf_generate


def _client_ip(request) -> str:
    # The address allauth's rate limits use: behind a proxy, the one the proxy appended.
    return get_client_ip(request) or ""


def _rate_limited(request) -> bool:
    """A cache counter per IP: guessing codes gets slow answers, not a list of holders."""
    limit, window = settings.CERTIFICATE_VERIFY_RATE
    key = f"certificates:verify:{_client_ip(request)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def _too_many(request):
    return render(
        request,
        "certificates/verify_limited.html",
        {"window": settings.CERTIFICATE_VERIFY_RATE[1]},
        status=429,
    )


@login_required
def my_certificates(request):
    """ "Chứng chỉ của tôi": every certificate of the learner with its links and QR."""
    items = [
        {
            "certificate": cert,
            "verify_url": verify_url(cert.code),
            "qr": qr_svg(verify_url(cert.code), css_class="cert-qr-svg"),
        }
        for cert in certificates_of(request.user)
    ]
    return render(request, "certificates/my_certificates.html", {"items": items})


@login_required
def certificate_page(request, code):
    """The certificate itself, for its holder only (anyone else: 404)."""
    certificate = certificate_of_owner(user=request.user, code=code_normalize(code) or "")
    if certificate is None:
        raise Http404
    cert = certificate_view_for(certificate)
    return render(
        request,
        "certificates/certificate.html",
        {
            "certificate": certificate,
            "cert": cert,
            "qr": qr_svg(cert.verify_url, css_class="cert-qr-svg"),
        },
    )


@login_required
@never_cache
def certificate_pdf(request, code):
    """The signed PDF, made once by a background task and then served from the cache."""
    certificate = certificate_of_owner(user=request.user, code=code_normalize(code) or "")
    if certificate is None:
        raise Http404
    if certificate.is_revoked:
        return render(
            request,
            "certificates/pdf_unavailable.html",
            {"certificate": certificate, "revoked": True},
            status=410,
        )
    if not certificate.pdf:
        certificate_pdf_generate.enqueue(certificate.pk)
        certificate.refresh_from_db(fields=["pdf"])
    if not certificate.pdf:
        return render(
            request,
            "certificates/pdf_unavailable.html",
            {"certificate": certificate, "revoked": False},
            status=202,
        )
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"chung-chi-{certificate.code}.pdf",
        content_type="application/pdf",
    )


@require_GET
def verify_form(request):
    """Type a code; any non-empty input goes to the one page shape of /xac-minh/<code>/."""
    typed = request.GET.get("ma", "").strip()
    if typed:
        code = code_normalize(typed) or "".join(ch for ch in typed if ch.isalnum())[:64] or "-"
        return redirect("certificates_verify:detail", code=code)
    return render(request, "certificates/verify_form.html", {})


@require_GET
def verify_detail(request, code):
    """Valid or revoked, with what the certificate says; every wrong code looks the same."""
    if _rate_limited(request):
        return _too_many(request)
    certificate = certificate_public(code_normalize(code))
    if certificate is None:
        return render(request, "certificates/verify_detail.html", {"found": False}, status=404)
    cert = certificate_view_for(certificate)
    return render(
        request,
        "certificates/verify_detail.html",
        {"found": True, "certificate": certificate, "cert": cert},
    )


@require_GET
def openbadge_credential(request, code):
    """The Open Badges 3.0 credential: JSON, or the signed VC-JWT with ?dang=jwt."""
    if _rate_limited(request):
        return JsonResponse({"error": _("Bạn tra cứu quá nhiều lần. Hãy thử lại sau.")}, status=429)
    certificate = certificate_public(code_normalize(code))
    if certificate is None:
        return JsonResponse({"error": _("Không tìm thấy chứng chỉ với mã này.")}, status=404)
    if certificate.is_revoked:
        # 410: the credential was valid and is now withdrawn for good (there is no un-revoking).
        # A consumer that only dereferences the id cannot mistake it for a valid one; a verifier
        # holding a copy learns the same from the status list.
        return JsonResponse(
            {
                "error": _("Chứng chỉ này đã bị thu hồi."),
                "revoked": True,
                "revokedAt": certificate.revoked_at.isoformat(timespec="seconds"),
                "reason": certificate.revoke_reason,
                "credentialStatus": credential_status_for(certificate),
            },
            status=410,
            json_dumps_params={"ensure_ascii": False},
        )
    if request.GET.get("dang") == "jwt":
        return HttpResponse(credential_jwt(certificate), content_type="application/vc+jwt")
    return JsonResponse(credential_for(certificate), json_dumps_params={"ensure_ascii": False})


@require_GET
def issuer_jwks(request):
    """The issuer's public key (JWKS) that verifies every credential's signature."""
    return JsonResponse(jwks_document())


@require_GET
def issuer_did(request):
    """The issuer's DID document (`did:web:<host>:xac-minh`): its public key."""
    return JsonResponse(issuer_did_document(), content_type="application/did+json")


@require_GET
def status_list(request, number):
    """A signed Bitstring Status List: bit i is set when the certificate at index i is revoked.

    Not rate-limited: it names nobody and says nothing about which codes exist."""
    if not status_list_exists(number):
        raise Http404
    response = HttpResponse(status_list_jwt(number), content_type="application/vc+jwt")
    response["Cache-Control"] = f"public, max-age={int(LIST_TTL.total_seconds())}"
    return response
