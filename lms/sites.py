"""The Wagtail site of a request without a query: Wagtail looks it up (and then fetches its
home page) on every request; the answer only changes when sites or pages change
(lms.generation)."""

from django.http.request import split_domain_port

from .generation import Memo, current

# (host name, port) -> the Site Wagtail found, its home page already in its own class.
_sites = Memo(max_entries=50)


class CachedSiteMiddleware:
    """Gives Wagtail the site it found for this host before (`Site.find_for_request` reads
    `request._wagtail_site`), and keeps the one it finds on a first request. Nothing is looked
    up for a request that does not need a site. After CommonMiddleware, so a host outside
    ALLOWED_HOSTS was refused before anything is kept for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = (split_domain_port(request._get_raw_host())[0], request.get_port())
        token = current()
        site = _sites.peek(key)
        if site is not None:
            request._wagtail_site = site
            return self.get_response(request)
        response = self.get_response(request)
        found = getattr(request, "_wagtail_site", None)
        # Routing asked for the home page in its own class (`root_page.specific`, cached on
        # the object): the next request finds it there.
        if found is not None and "specific" in found.root_page.__dict__:
            _sites.keep(key, found, token)
        return response
