"""URLs of the courses app, mounted by lms/urls.py."""

app_name = "courses"

urlpatterns: list = []
