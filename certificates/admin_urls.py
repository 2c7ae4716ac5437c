from django.urls import path

from . import admin_views

app_name = "certificates_admin"

urlpatterns = [path("thu-hoi/<int:pk>/", admin_views.revoke, name="revoke")]
