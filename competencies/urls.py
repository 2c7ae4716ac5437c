"""URLs of the competencies app, mounted by lms/urls.py."""

app_name = "competencies"

urlpatterns: list = []
