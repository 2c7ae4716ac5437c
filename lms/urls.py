from allauth.account import views as account_views
from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import views

urlpatterns = [
    path("healthz", views.health, name="health"),
    path("ping", views.ping, name="ping"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("manifest.webmanifest", views.web_app_manifest, name="web_app_manifest"),
    path("ngoai-tuyen/", views.offline, name="offline"),
    path("giao-dien/co-chu/", views.text_size_toggle, name="text_size_toggle"),
    path("giao-dien/tuong-phan/", views.contrast_toggle, name="contrast_toggle"),
    path("giao-dien/tiet-kiem-du-lieu/", views.data_saver_toggle, name="data_saver_toggle"),
    path("i18n/setlang/", views.set_language, name="set_language"),
    # Wagtail's own login forms would skip allauth's rate limits and MFA.
    path("admin/login/", views.login_redirect, name="admin_login_redirect"),
    path("_util/login/", views.login_redirect, name="frontend_login_redirect"),
    # Wagtail's logout view deletes the session cookie even on a refused GET (a forged link
    # logs people out); allauth's asks for a POST and ends the session properly.
    path("admin/logout/", account_views.logout, name="admin_logout"),
    path("admin/", include(wagtailadmin_urls)),
    path("tai-lieu/", include(wagtaildocs_urls)),
    path("tai-khoan/", include("allauth.urls")),
    path("nguoi-dung/", include("people.urls")),
    path("hoc/", include("courses.urls")),
    path("nang-luc/", include("competencies.urls")),
    path("kiem-tra/", include("quizzes.urls")),
    path("chung-chi/", include("certificates.urls")),
    path("xac-minh/", include("certificates.verify_urls")),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path

    urlpatterns += [re_path(r"^media/(?P<path>.*)$", views.media)]

urlpatterns += [path("", include(wagtail_urls))]
