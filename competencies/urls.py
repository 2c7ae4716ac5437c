"""URLs of the competencies app, mounted at /nang-luc/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "competencies"

urlpatterns = [
    path("ho-so/", views.profile, name="profile"),
]
