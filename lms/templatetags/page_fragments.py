"""Rendered fragments kept in this worker, so that the parts of a page that are the same for
every visitor are rendered once, not on every request.

`{% keptcache "name" value… %}…{% endkeptcache %}` keeps what it renders under the name, the
site, the active language and the given values, in this worker only, until pages change
(lms.generation): for the site's chrome and a page's own content. What a learner alone sees
(their name, their progress, a CSRF token) must stay outside it, and the values must be all it
depends on. An assignment inside (`{% url … as x %}`) does not happen when the fragment is
kept: make it outside if it is used outside.

`{% keptpagecache <seconds> "name" value… %}` is Wagtail's `{% wagtailpagecache %}` (the shared
cache, keyed by the page's state, the site and the values) with the fragment also kept in this
worker until pages change or it expires: no round trip to the cache for a page read again and
again (a lesson by a whole cohort).

Neither keeps anything in a preview or without a request."""

from time import monotonic

from django import template
from django.template.exceptions import TemplateSyntaxError
from django.utils.translation import get_language
from wagtail.models import Site
from wagtail.templatetags.wagtail_cache import WagtailPageCacheNode

from lms.generation import Memo, current

register = template.Library()

# (name, site, language, values…) -> rendered fragment.
_kept = Memo(max_entries=1000)
# (name, values…, page state, site) -> (expires at, rendered fragment).
_page_fragments = Memo(max_entries=300)


def _request(context):
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        return None
    return request


class KeptNode(template.Node):
    def __init__(self, nodelist, name: str, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = _request(context)
        if request is None:
            return self.nodelist.render(context)
        site = Site.find_for_request(request)
        key = (
            self.name,
            site.pk if site else None,
            get_language(),
            *(var.resolve(context) for var in self.vary_on),
        )
        token = current()
        fragment = _kept.peek(key)
        if fragment is None:
            fragment = self.nodelist.render(context)
            _kept.keep(key, fragment, token)
        return fragment


@register.tag
def keptcache(parser, token):
    nodelist = parser.parse(("endkeptcache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 2 or tokens[1][0] not in "\"'" or tokens[1][0] != tokens[1][-1]:
        raise TemplateSyntaxError(f"'{tokens[0]}' needs a quoted name first.")
    return KeptNode(nodelist, tokens[1][1:-1], [parser.compile_filter(t) for t in tokens[2:]])


class KeptPageCacheNode(WagtailPageCacheNode):
    def render(self, context):
        request = _request(context)
        if request is None:
            return super().render(context)
        token = current()
        with context.update({self.CACHE_SITE_TEMPLATE_VAR: Site.find_for_request(request)}):
            key = (self.fragment_name, *(var.resolve(context) for var in self.vary_on))
        now = monotonic()
        kept = _page_fragments.peek(key)
        if kept is not None and now < kept[0]:
            return kept[1]
        fragment = super().render(context)  # from the shared cache, or rendered and stored there
        seconds = self.expire_time_var.resolve(context)
        if isinstance(seconds, int) and seconds > 0:
            _page_fragments.keep(key, (now + seconds, fragment), token)
        return fragment


@register.tag
def keptpagecache(parser, token):
    nodelist = parser.parse(("endkeptpagecache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 3:
        raise TemplateSyntaxError(f"'{tokens[0]}' tag requires at least 2 arguments.")
    return KeptPageCacheNode(
        nodelist,
        parser.compile_filter(tokens[1]),
        tokens[2],
        [parser.compile_filter(t) for t in tokens[3:]],
        None,
    )
