"""wagtail-lms side by side: the PyPI package in a throwaway virtualenv, a minimal project for
it generated into bench/out/, a course of the same size, served by gunicorn the same way.

wagtail-lms's lesson page is `H5PLessonPage` (rich-text intro and a StreamField of paragraphs
and H5P activities), served to an enrolled, logged-in learner; it is the page we compare with
our `LessonPage`. Both run the same Django and Wagtail versions, PostgreSQL, Redis cache and
cached_db sessions, DEBUG off, 2 sync workers.
"""
# ruff: noqa: S603 - runs the throwaway virtualenv's python on files this module wrote

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

from . import config, server, services, venvs
from .stack import log

PACKAGES = [
    "wagtail-lms==0.11.1",
    "wagtail==8.0.1",
    "django==5.2.19",
    "gunicorn==27.0.1",
    "psycopg[binary]==3.3.9",
    "redis==8.1.0",
]
SITE = config.OUT / "wagtail_lms_site"

SETTINGS = """
import os
BASE_DIR = os.path.dirname(os.path.abspath(__file__))
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "wagtail_lms",
    "wagtail.contrib.forms", "wagtail.contrib.redirects", "wagtail.embeds", "wagtail.sites",
    "wagtail.users", "wagtail.snippets", "wagtail.documents", "wagtail.images", "wagtail.search",
    "wagtail.admin", "wagtail", "modelcluster", "taggit",
    "django.contrib.auth", "django.contrib.contenttypes", "django.contrib.sessions",
    "django.contrib.messages", "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]
ROOT_URLCONF = "urls"
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [os.path.join(BASE_DIR, "templates")],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]
DATABASES = {"default": {
    "ENGINE": "django.db.backends.postgresql", "NAME": os.environ["BENCH_DB"],
    "USER": "postgres", "HOST": "127.0.0.1", "PORT": "5432", "CONN_MAX_AGE": 600,
    "CONN_HEALTH_CHECKS": True,
}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                      "LOCATION": os.environ["REDIS_URL"]}}
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(BASE_DIR, "static")
USE_TZ = True
WAGTAIL_SITE_NAME = "wagtail-lms bench"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
LOGGING = {"version": 1, "root": {"level": "WARNING"}}
"""

URLS = """
from django.urls import include, path
from wagtail import urls as wagtail_urls
urlpatterns = [path("lms/", include("wagtail_lms.urls")), path("", include(wagtail_urls))]
"""

WSGI = """
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
"""

BASE_HTML = """{% load static %}<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{% endblock %}</title>
<link rel="stylesheet" href="{% static 'wagtail_lms/css/course.css' %}"></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
"""

# The same course size as ours: three lessons, each a few paragraphs (our lesson bodies are
# rich text, a step-by-step guide and a callout: comparable text, no images here).
SEED = """
import json, os, sys
import django
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from wagtail.models import Page, Site
from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage

paragraph = ("<p>Chữ ký số chuyên dùng giúp cán bộ ký văn bản điện tử có giá trị pháp lý như "
             "chữ ký tay và con dấu. Bài này hướng dẫn từng bước: cắm thiết bị ký số, mở phần "
             "mềm, chọn văn bản, kiểm tra thông tin chứng thư và bấm ký.</p>")
root = Page.get_first_root_node()
home = root.get_children().first()
course = CoursePage(title="Chữ ký số chuyên dùng", slug="chu-ky-so", description=paragraph)
home.add_child(instance=course)
course.save_revision().publish()
lessons = []
for number in range(1, 4):
    lesson = H5PLessonPage(
        title=f"Bài {number}", slug=f"bai-{number}", intro=paragraph,
        body=[("paragraph", paragraph * 3) for _ in range(4)],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    lessons.append(lesson)
User = get_user_model()
cookies = []
for number in range(int(sys.argv[1])):
    user = User.objects.create_user(f"learner{number}", f"learner{number}@bench.invalid")
    CourseEnrollment.objects.create(user=user, course=course)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    cookies.append(f"sessionid={session.session_key}")
print(json.dumps({"lesson_url": lessons[0].url, "cookies": cookies}))
"""


@dataclass
class Running:
    server: server.Server
    lesson_url: str
    cookies: list


def _write_site(secret: str) -> dict:
    SITE.mkdir(parents=True, exist_ok=True)
    (SITE / "templates").mkdir(exist_ok=True)
    for name, text in {
        "settings.py": SETTINGS,
        "urls.py": URLS,
        "wsgi.py": WSGI,
        "seed.py": SEED,
        "templates/base.html": BASE_HTML,
    }.items():
        (SITE / name).write_text(text)
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "settings",
        "PYTHONPATH": str(SITE),
        "SECRET_KEY": secret,
        "BENCH_DB": config.WLMS_DB_NAME,
        "REDIS_URL": config.redis_url(config.REDIS_DB_WLMS),
    }


def start(*, exclude: set[int], learners: int = 10) -> Running:
    log("wagtail-lms: throwaway virtualenv, generated project, same-size course")
    python = venvs.venv("wagtail-lms", PACKAGES)
    env = _write_site(config.django_env()["SECRET_KEY"])
    services.recreate_database(config.WLMS_DB_NAME)
    services.flush_redis(config.REDIS_DB_WLMS)
    django_admin = [str(python), "-m", "django"]
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([*django_admin, *command], cwd=SITE, env=env, check=True)
    seeded = subprocess.run(
        [str(python), "seed.py", str(learners)],
        cwd=SITE,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    data = json.loads(seeded.stdout.strip().splitlines()[-1])
    running = server.Server(
        name="wagtail-lms",
        gunicorn=Path(python).parent / "gunicorn",
        app="wsgi",
        cwd=SITE,
        env=env,
        port=services.free_port(exclude),
    )
    running.wait_ready(path="/")
    return Running(running, data["lesson_url"], data["cookies"])
