"""Site-wide template context: display preferences and the main navigation."""

from django.conf import settings
from wagtail.models import Site

TEXT_SIZE_COOKIE = "text_size"


def _nav_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    return [
        {"title": page.title, "url": page.get_url(request)}
        for page in site.root_page.get_children().live().in_menu()
    ]


def site(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "large_text": request.COOKIES.get(TEXT_SIZE_COOKIE) == "large",
        "nav_pages": _nav_pages(request),
    }
