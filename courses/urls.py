"""URLs of the courses app, mounted at /hoc/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("cua-toi/", views.my_learning, name="my_learning"),
    path("khoa-hoc/<int:course_id>/dang-ky/", views.course_enrol, name="enrol"),
    path(
        "khoa-hoc/<int:course_id>/ngoai-tuyen/",
        views.course_offline_pages,
        name="offline_pages",
    ),
    path("bai/<int:lesson_id>/hoan-thanh/", views.lesson_complete_view, name="lesson_complete"),
    path("giao-khoa-hoc/", views.course_assign_view, name="assign"),
]
