"""Public verification, no login: mounted at /xac-minh/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "certificates_verify"

urlpatterns = [
    path("", views.verify_form, name="form"),
    path("khoa-cong-khai.json", views.issuer_jwks, name="jwks"),
    path("did.json", views.issuer_did, name="did"),
    path("trang-thai/<int:number>/", views.status_list, name="status_list"),
    path("<str:code>/", views.verify_detail, name="detail"),
    path("<str:code>/openbadge.json", views.openbadge_credential, name="openbadge"),
]
