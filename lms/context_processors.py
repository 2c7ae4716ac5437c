"""Site-wide template context: display preferences and the main navigation."""

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

TEXT_SIZE_COOKIE = "text_size"
NAV_CACHE_SECONDS = 300


def nav_cache_key(site_id: int) -> str:
    return f"lms:nav:{site_id}"


def _nav_pages(request):
    site = Site.find_for_request(request)
    if site is None:
        return []
    key = nav_cache_key(site.pk)
    pages = cache.get(key)
    if pages is None:
        pages = [
            {"title": page.title, "url": page.get_url(request)}
            for page in site.root_page.get_children().live().in_menu()
        ]
        cache.set(key, pages, NAV_CACHE_SECONDS)
    return pages


def site(request):
    return {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "large_text": request.COOKIES.get(TEXT_SIZE_COOKIE) == "large",
        "nav_pages": _nav_pages(request),
    }
