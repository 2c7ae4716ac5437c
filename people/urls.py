"""URLs of the people app, mounted by lms/urls.py."""

app_name = "people"

urlpatterns: list = []
