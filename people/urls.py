"""URLs of the people app, mounted at /nguoi-dung/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "people"

urlpatterns = [
    path("thanh-vien/", views.team_members, name="team_members"),
    path("thanh-vien/dang-ky/", views.member_register_view, name="member_register"),
    path("thanh-vien/<int:pk>/the-dang-nhap/", views.login_card, name="login_card"),
]
