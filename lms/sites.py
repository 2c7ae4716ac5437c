"""The Wagtail site of a request, and the sites' root paths, without a query or a round trip to
the cache: Wagtail looks the site up (and then fetches its home page) on every request, and
reads the root paths (to make any page's URL) from the cache; both only change when sites or
pages change (lms.generation)."""

from django.http.request import split_domain_port

from .generation import Memo, current

# (host name, port) -> the Site Wagtail found, its home page already in its own class;
# ROOT_PATHS -> Site.get_site_root_paths().
_sites = Memo(max_entries=50)
ROOT_PATHS = "root paths"
# Where Wagtail keeps the root paths for one request (Page._get_site_root_paths).
REQUEST_ROOT_PATHS = "_wagtail_cached_site_root_paths"


class CachedSiteMiddleware:
    """Gives Wagtail the site it found for this host before (`Site.find_for_request` reads
    `request._wagtail_site`) and the root paths it read before, and keeps those it finds on a
    first request. Nothing is looked up for a request that does not need them. After
    CommonMiddleware, so a host outside ALLOWED_HOSTS was refused before anything is kept for
    it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        token = current()
        site = _sites.peek(key)
        if site is not None:
            request._wagtail_site = site
        root_paths = _sites.peek(ROOT_PATHS)
        if root_paths is not None:
            setattr(request, REQUEST_ROOT_PATHS, root_paths)
        response = self.get_response(request)
        if site is None and (found := getattr(request, "_wagtail_site", None)) is not None:
            # Routing asks for the home page in its own class once (`root_page.specific`
            # is cached on the kept object); every later request finds it there.
            _sites.keep(key, found, token)
        if root_paths is None and (found := getattr(request, REQUEST_ROOT_PATHS, None)):
            _sites.keep(ROOT_PATHS, found, token)
        return response
