"""URLs of the learner's side of quizzes, mounted at /kiem-tra/ by lms/urls.py."""

from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/bat-dau/", views.attempt_start_view, name="start"),
    path("lan/<int:attempt_id>/", views.attempt_view, name="attempt"),
    path("lan/<int:attempt_id>/luu/", views.answer_save_view, name="save"),
    path("lan/<int:attempt_id>/trang/", views.screen_save_view, name="screen_save"),
    path("lan/<int:attempt_id>/nop-bai/", views.attempt_finish_view, name="finish"),
    path("lan/<int:attempt_id>/ket-qua/", views.attempt_result_view, name="result"),
]
