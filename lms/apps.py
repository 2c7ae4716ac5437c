from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("Trang web")

    def ready(self):
        from . import admin_chrome, exports, signals

        signals.connect()
        admin_chrome.connect()
        exports.install_in_wagtail_exports()
