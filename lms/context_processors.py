"""Site-wide template context: display preferences and the main navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .generation import Memo

TEXT_SIZE_COOKIE = "text_size"
CONTRAST_COOKIE = "contrast"
DATA_SAVER_COOKIE = "data_saver"
# Each display preference: its cookie and the value that means "on".
DISPLAY_PREFERENCES = {
    "large_text": (TEXT_SIZE_COOKIE, "large"),
    "high_contrast": (CONTRAST_COOKIE, "high"),
    "data_saver": (DATA_SAVER_COOKIE, "on"),
}
# The main navigation of each site, until pages change (lms.generation).
_navigation = Memo()


def _nav_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return _navigation.get_or_compute(
        site.pk,
        lambda: [
            {"title": page.title, "url": page.get_url(request)}
            for page in site.root_page.get_children().live().in_menu()
        ],
    )


# The header's "Tùy chọn hiển thị" menu: (preference, URL name, label, class on <html>).
DISPLAY_MENU = [
    ("large_text", "text_size_toggle", _("Chữ lớn"), "text-large"),
    ("high_contrast", "contrast_toggle", _("Tương phản cao"), "contrast-high"),
    ("data_saver", "data_saver_toggle", _("Tiết kiệm dữ liệu"), "data-saver"),
]


def display_preferences(request) -> dict[str, bool]:
    """Large text, high contrast and data saver, as the cookies say (off when absent)."""
    return {
        name: request.COOKIES.get(cookie) == value
        for name, (cookie, value) in DISPLAY_PREFERENCES.items()
    }


def site(request):
    preferences = display_preferences(request)
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        **preferences,
        "display_classes": " ".join(
            css for name, _url, _label, css in DISPLAY_MENU if preferences[name]
        ),
        "display_toggles": [
            (url_name, label, preferences[name]) for name, url_name, label, _css in DISPLAY_MENU
        ],
        # Read when a template shows it (the public header), not on every admin page.
        "nav_pages": SimpleLazyObject(lambda: _nav_pages(request)),
    }
