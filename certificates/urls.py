"""The learner's certificates, mounted at /chung-chi/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.my_certificates, name="mine"),
    path("<str:code>/", views.certificate_page, name="detail"),
    path("<str:code>/pdf/", views.certificate_pdf, name="pdf"),
]
