"""Admin URLs of quizzes, registered under /admin/kiem-tra/ by wagtail_hooks.py."""

from django.urls import path

from . import admin_views

app_name = "quizzes_admin"

urlpatterns = [
    path("thong-ke/", admin_views.statistics_index, name="statistics_index"),
    path("thong-ke/<int:quiz_id>/", admin_views.statistics_view, name="statistics"),
    path("nhap/", admin_views.import_view, name="import"),
    path("nhap/mau.xlsx", admin_views.template_view, name="template"),
    path("xuat/<int:category_id>/<str:fmt>/", admin_views.export_view, name="export"),
]
